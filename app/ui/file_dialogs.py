"""Where the app's save dialogs open: the user's Documents folder (their home when there is none),
never the folder the app happened to be started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def choose_save_target(parent: QWidget, title: str, file_name: str, file_filter: str) -> Path | None:
    """A save dialog in Documents with `file_name` proposed; None when cancelled."""
    target, _ = QFileDialog.getSaveFileName(parent, title, str(documents_folder() / file_name), file_filter)
    return Path(target) if target else None
