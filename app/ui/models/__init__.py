"""Qt item models over the ports (lazy, paged)."""
