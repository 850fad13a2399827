"""A crash leaves a stack: `faulthandler` writes every thread's Python stack when the process dies
of a fatal signal (a segfault in Qt, an abort), to the terminal for the command line and to
`crash.log` in the user's data folder for the desktop app, where IT can find it."""

from __future__ import annotations

import faulthandler
import sys
from pathlib import Path
from typing import TextIO

CRASH_LOG_NAME = "crash.log"


def enable_for_terminal() -> bool:
    """Stacks to stderr, when there is a real stderr (a windowed PyInstaller build has none)."""
    stream = sys.stderr
    try:
        if stream is None or stream.fileno() < 0:
            return False
    except (AttributeError, OSError, ValueError):
        return False
    faulthandler.enable(file=stream, all_threads=True)
    return True


class CrashLog:
    """Keeps the log file open for the life of the process (faulthandler writes to its descriptor)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CRASH_LOG_NAME
        self._file: TextIO | None = None

    def enable(self) -> bool:
        """Stacks to `crash.log` (appended); False, and the terminal keeps them, when the folder
        cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        except OSError:
            return False
        faulthandler.enable(file=self._file, all_threads=True)
        return True
