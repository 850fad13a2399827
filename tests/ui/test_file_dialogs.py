"""Save dialogs open in the user's Documents folder, not where the app was started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.file_dialogs import choose_save_target, documents_folder


def test_save_dialogs_propose_the_file_in_documents(qapp, monkeypatch, tmp_path):
    (tmp_path / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Documents"))
    monkeypatch.chdir(tmp_path)  # started from elsewhere
    proposed: list[str] = []

    def fake(parent, title, directory, file_filter):  # type: ignore[no-untyped-def]
        proposed.append(directory)
        return directory, file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    target = choose_save_target(QWidget(), "Export", "sessions.csv", "CSV (*.csv)")
    assert target == documents_folder() / "sessions.csv"
    assert Path(proposed[0]).parent == documents_folder() and documents_folder() != Path.cwd()
