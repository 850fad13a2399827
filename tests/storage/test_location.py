"""Where the data lives and how the connection is set up, on both engines."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.storage import Database, resolve_database_url, user_data_dir
from app.storage.location import default_trainee_name, describe_url
from app.storage.migrations import head_revision
from tests.conftest import REPO_ROOT


def test_default_is_sqlite_in_the_data_folder(isolated_user_dirs, monkeypatch):
    assert user_data_dir() == isolated_user_dirs
    url = resolve_database_url()
    assert url.get_backend_name() == "sqlite" and Path(url.database) == isolated_user_dirs / "roleplay.sqlite3"
    monkeypatch.delenv("ROLEPLAY_DATA_DIR")
    assert user_data_dir().name == "RolePlayTrainer"  # the platform's user data folder


def test_the_environment_or_the_settings_point_at_postgresql(isolated_user_dirs, monkeypatch):
    (isolated_user_dirs / "settings.json").write_text(json.dumps({
        "database_url": "postgresql://trainer:secret@db.callcentre.local/roleplay", "trainee": "Chen Jing"}))
    url = resolve_database_url()
    assert url.drivername == "postgresql+psycopg" and url.host == "db.callcentre.local"
    assert "secret" not in describe_url(url)
    assert default_trainee_name() == "Chen Jing"
    monkeypatch.setenv("ROLEPLAY_DATABASE_URL", "postgresql+psycopg://roleplay@127.0.0.1:5432/other")
    assert resolve_database_url().database == "other"
    assert resolve_database_url("sqlite:////tmp/x.sqlite3").drivername == "sqlite+pysqlite"


def test_trainee_name_falls_back_to_the_os_user(monkeypatch):
    monkeypatch.delenv("ROLEPLAY_TRAINEE", raising=False)
    assert default_trainee_name()
    monkeypatch.setenv("ROLEPLAY_TRAINEE", "Ana")
    assert default_trainee_name() == "Ana"


def test_connection_settings(database, engine_name):
    with database.read() as db:
        if engine_name == "sqlite":
            assert db.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert db.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert db.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert database.sqlite_path.exists()
        else:
            assert db.execute(text("SHOW lock_timeout")).scalar() == "5s"
            assert db.execute(text("SHOW application_name")).scalar() == "roleplay-trainer"
    assert database.size_bytes() > 0
    assert database.dialect == engine_name


def test_migrations_are_found_in_a_bundle(tmp_path, monkeypatch, engine_name):
    shutil.copytree(REPO_ROOT / "db", tmp_path / "db")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    from app.resources import migrations_dir

    assert migrations_dir() == tmp_path / "db"
    assert head_revision() == "0005"


def test_an_in_memory_database_is_refused(engine_name):
    from app.storage import CannotOpenError

    with pytest.raises(CannotOpenError):
        Database.open("sqlite://")
