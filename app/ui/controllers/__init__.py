"""The logic behind the pages: small Qt-aware controllers and pure helpers."""
