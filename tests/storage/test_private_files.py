"""The user's data is private to them (0700 folders, 0600 files): the database, its WAL, backups and
recordings, as the command line creates them; and an older install's open files are closed up."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path) -> int:  # type: ignore[no-untyped-def]
    return stat.S_IMODE(path.stat().st_mode)


def test_a_first_call_leaves_only_private_files(tmp_path):
    data = tmp_path / "fresh"
    proc = run_cli("play", "en-complaint-late-parcel", "--text", stdin="I'm so sorry, I understand.\n",
                   env={"ROLEPLAY_DATA_DIR": str(data)})
    assert proc.returncode == 0, proc.stderr
    created = [data, *data.rglob("*")]
    assert any(p.name.endswith(".sqlite3") for p in created)
    open_to_others = [(str(p.relative_to(tmp_path)), oct(mode(p))) for p in created if mode(p) & 0o077]
    assert not open_to_others, open_to_others


def test_an_older_installs_open_database_is_closed_up(tmp_path):
    from app.storage import Database

    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    url = f"sqlite+pysqlite:///{folder / 'roleplay.sqlite3'}"
    Database.open(url).close()
    os.chmod(folder / "roleplay.sqlite3", 0o644)
    Database.open(url).close()  # the next start
    assert mode(folder) == 0o700 and mode(folder / "roleplay.sqlite3") == 0o600
