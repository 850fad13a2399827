"""Migrations on both engines: empty to head, down and up again, backups, and version guards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.storage import Database, SchemaOutOfDateError, SchemaTooNewError
from app.storage.migrations import downgrade_schema, head_revision, upgrade_schema
from app.storage.models import Base
from tests.conftest import REPO_ROOT
from tests.storage.conftest import STEADY_REPLIES, record_call

ALL_TABLES = {"people", "scenario_snapshots", "sessions", "turns", "dimension_scores", "trainer_comments",
              "score_overrides", "audio_tracks", "audio_chunks"}
REVIEW_AND_AUDIO = {"trainer_comments", "score_overrides", "audio_tracks", "audio_chunks"}


def tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names()) - {"alembic_version"}


def test_empty_database_upgrades_to_head_and_matches_the_models(database):
    assert database.upgrade_report.from_revision is None
    assert database.schema_revision() == head_revision() == "0005"
    assert tables(database) == ALL_TABLES
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       Base.metadata)
    assert differences == []


def test_downgrade_and_upgrade_round_trip_keeps_the_sessions(database, repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:2])
    repository.add_comment(recorder.session_uuid, "note", "Coach")
    engine = database.engine

    downgrade_schema(engine, "0001")
    assert database.schema_revision() == "0001"
    assert tables(database) == ALL_TABLES - REVIEW_AND_AUDIO
    with database.read() as db:
        assert db.execute(text("SELECT count(*) FROM turns")).scalar_one() == 2
        assert db.execute(text("SELECT count(*) FROM dimension_scores")).scalar_one() == 6  # not cascaded away

    upgrade_schema(engine, None)
    assert database.schema_revision() == "0005" and tables(database) == ALL_TABLES
    assert len(repository.load_session(recorder.session_uuid).turns) == 2

    downgrade_schema(engine, "base")
    assert tables(database) == set()
    upgrade_schema(engine, None)
    assert tables(database) == ALL_TABLES and repository.count_sessions() == 0
    assert repository.check() == []


def test_an_sqlite_file_is_backed_up_before_it_is_upgraded(db_url, engine_name, parcel):
    with Database.open(db_url) as first:
        from app.storage import SessionRepository

        repository = SessionRepository(first)
        recorder = record_call(repository, parcel, STEADY_REPLIES[:1])
        downgrade_schema(first.engine, "0001")  # as an older version of the app left it

    with Database.open(db_url) as upgraded:
        report = upgraded.upgrade_report
        assert (report.from_revision, report.to_revision, report.changed) == ("0001", "0005", True)
        from app.storage import SessionRepository

        assert SessionRepository(upgraded).load_session(recorder.session_uuid).summary.turn_count == 1
        if engine_name == "sqlite":
            backup = report.backup_path
            assert backup is not None and backup.exists() and backup.parent.name == "backups"
            with sqlite3.connect(backup) as copy:
                assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
                assert copy.execute("SELECT uuid FROM sessions").fetchone()[0].replace("-", "") == \
                    recorder.session_uuid.hex
                assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        else:
            assert report.backup_path is None  # a server database is backed up by its administrators

    with Database.open(db_url) as again:  # nothing to upgrade: no new backup
        assert again.upgrade_report.backup_path is None and not again.upgrade_report.changed


def test_a_fresh_sqlite_file_needs_no_backup(db_url, engine_name):
    with Database.open(db_url) as database:
        assert database.upgrade_report.backup_path is None
        if engine_name == "sqlite":
            assert not (Path(database.sqlite_path).parent / "backups").exists()


def test_a_schema_from_a_newer_app_is_refused(database, db_url):
    with database.write() as db:
        db.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    with pytest.raises(SchemaTooNewError) as caught:
        Database.open(db_url)
    assert caught.value.values["revision"] == "9999"


def test_upgrade_can_be_left_to_it(database, db_url):
    downgrade_schema(database.engine, "0001")
    database.close()
    with pytest.raises(SchemaOutOfDateError):
        Database.open(db_url, upgrade=False)
    with Database.open(db_url) as upgraded:
        assert upgraded.schema_revision() == "0005"


def test_no_create_all_in_production_code(engine_name):
    offenders = [p for p in (REPO_ROOT / "app").rglob("*.py") if "create_all(" in p.read_text(encoding="utf-8")]
    assert offenders == []
