"""The user's data is private to them: on a shared PC no other local account reads the
recordings, the transcripts or the trainers' password hashes.

`keep_files_private()` sets the process umask at every entry point (the CLI and the desktop app),
so every folder the app creates is 0700 and every file 0600: the database, its WAL and shared-memory
files, backups, recordings, exports, logs. `tighten()` closes up what an older version left open.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
