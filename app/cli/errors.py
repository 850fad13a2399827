"""The command line's one kind of user-facing failure (its own module, so every command can raise
it without importing the entry point)."""

from __future__ import annotations


class CliError(Exception):
    """A problem to report to the user in one clear line, with exit status `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
