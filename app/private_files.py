"""The user's data is private to them: on a shared PC no other local account reads the
recordings, the transcripts or the trainers' password hashes.

`keep_files_private()` sets the process umask at every entry point (the CLI and the desktop app),
so every folder the app creates is 0700 and every file 0600: the database, its WAL and shared-memory
files, backups, recordings, exports, logs. `tighten()` closes up what an older version left open.
Every file written for the user is written whole (`replaced_whole`, `written_whole`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PRIVATE_UMASK = 0o077


def keep_files_private() -> None:
    os.umask(PRIVATE_UMASK)


def tighten(path: Path) -> None:
    """Remove group and other access from `path` (a file or a folder) if it is the user's own;
    anything else (a shared folder IT chose, a file owned by another account) is left alone."""
    try:
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError:
        return  # not there (yet), or not ours to change


@contextmanager
def replaced_whole(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` when the block ends
    without an error, removed otherwise. A reader (or a full disk) never leaves half a file, and
    the previous file stays as it was until the new one is complete."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def written_whole(target: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file (UTF-8) written to a temporary name and renamed into place once complete."""
    with replaced_whole(target) as partial, partial.open("w", encoding="utf-8", newline=newline) as out:
        yield out
