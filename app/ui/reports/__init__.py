"""Documents the app writes: the session report as PDF."""
