"""Schema migrations: Alembic, run from the app through its API (no `alembic` command needed).

The scripts live in `db/` (in a PyInstaller bundle: `<bundle>/db`). Before a SQLite database that
already holds data is upgraded, a copy is made with SQLite's online backup API: one per upgrade.
An upgrade that fails is rolled back whole (transactional DDL), and its copy is removed again, so
a database that cannot be upgraded (its tables do not match the version it records) is left as it
was and does not gain a copy at every start; the message names the newest earlier backup.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from app.resources import migrations_dir
from app.storage.errors import (
    ConnectionLostError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    DiskIOError,
    ReadOnlyError,
    SchemaOutOfDateError,
    SchemaTooNewError,
    SchemaVersionConflictError,
    StorageError,
    UpgradeFailedError,
    UpgradeReadOnlyError,
    translate_errors,
)

# Any constant: PostgreSQL advisory lock taken while one laptop upgrades the shared database.
_PG_MIGRATION_LOCK = 4_242_001


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(connection: Connection | None = None, script_location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(script_location=script_location))


def head_revision(script_location: Path | None = None) -> str:
    head = script_directory(script_location).get_current_head()
    assert head is not None, "db/versions holds no migration"
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database records (None: no schema yet); more than one row in
    `alembic_version` raises `SchemaVersionConflictError`."""
    with translate_errors(), engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        listed = ", ".join(sorted(heads))
        raise SchemaVersionConflictError(listed, revisions=listed)
    return heads[0] if heads else None


def known_revisions(script_location: Path | None = None) -> set[str]:
    return {script.revision for script in script_directory(script_location).walk_revisions()}


def backups_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def backup_sqlite(database_path: Path, label: str) -> Path:
    """A consistent copy of a live SQLite file (WAL included), beside it in `backups/`; a copy that
    fails half-way (a full disk) is removed."""
    folder = backups_folder(database_path)
    had_folder = folder.exists()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database_path.stem}-{label}-{stamp}{database_path.suffix}"
    try:
        with translate_errors():
            folder.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(str(database_path))
            try:
                copy = sqlite3.connect(str(target))
                try:
                    source.backup(copy)
                finally:
                    copy.close()
            finally:
                source.close()
    except StorageError:
        with suppress(OSError):
            target.unlink(missing_ok=True)
            if not had_folder:
                folder.rmdir()
        raise
    return target


def newest_backup(database_path: Path) -> Path | None:
    """The most recent copy `backup_sqlite` made of this database, if any."""
    try:
        copies = [p for p in backups_folder(database_path).glob(f"{database_path.stem}-*{database_path.suffix}")
                  if p.is_file()]
        return max(copies, key=lambda p: p.stat().st_mtime, default=None)
    except OSError:
        return None


def _sqlite_execute(connection: Connection, sql: str) -> None:
    """Run `sql` on the sqlite3 connection itself, outside SQLAlchemy's transaction handling."""
    driver = connection.connection.driver_connection
    assert driver is not None  # an open connection always has its DB-API connection
    driver.execute(sql)


def _run(engine: Engine, action: str, target: str, script_location: Path | None) -> None:
    with translate_errors(), engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # table rebuilds (batch mode) must not cascade deletes; only outside a transaction
            _sqlite_execute(connection, "PRAGMA foreign_keys=OFF")
        else:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            connection.commit()
        try:
            config = alembic_config(connection, script_location)
            getattr(command, action)(config, target)
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _sqlite_execute(connection, "PRAGMA foreign_keys=ON")
            else:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_MIGRATION_LOCK})
                connection.commit()


# Failures that say nothing about the schema itself: passed on as they are.
_NOT_THE_SCHEMA = (DatabaseLockedError, DiskFullError, DiskIOError, ConnectionLostError, DamagedDatabaseError)


def upgrade_schema(engine: Engine, database_path: Path | None, *, target: str = "head",
                   allow_upgrade: bool = True, script_location: Path | None = None,
                   read_only: str | None = None) -> UpgradeReport:
    """Bring the schema to `target`; back up a SQLite file first when it already holds a schema.

    `read_only` names what keeps the database from being written (a folder, a file): an upgrade
    it needs then raises `UpgradeReadOnlyError` before anything is copied or changed.
    """
    current = current_revision(engine)
    wanted = head_revision(script_location) if target == "head" else target
    if current == wanted:
        return UpgradeReport(current, wanted, None)
    if current is not None and current not in known_revisions(script_location):
        raise SchemaTooNewError(current, revision=current)
    if not allow_upgrade:
        raise SchemaOutOfDateError(str(current), revision=str(current))
    if read_only is not None:
        raise _cannot_write(read_only, current, wanted)
    backup = None
    if database_path is not None and current is not None:
        had_folder = backups_folder(database_path).exists()
        backup = backup_sqlite(database_path, f"before-{wanted}")
    try:
        _run(engine, "upgrade", target, script_location)
    except StorageError as error:
        if backup is not None and _still_at(engine, current):
            backup.unlink(missing_ok=True)  # rolled back: the database itself is the state before
            if not had_folder:
                with suppress(OSError):
                    backup.parent.rmdir()
        if isinstance(error, _NOT_THE_SCHEMA):
            raise
        if isinstance(error, ReadOnlyError):  # PostgreSQL: a database that only allows reading
            raise _cannot_write(str(error.values.get("path") or ""), current, wanted) from error
        raise UpgradeFailedError(error.detail, old=current or "@storage.no_schema", new=wanted) from error
    return UpgradeReport(current, wanted, backup)


def _cannot_write(where: str, current: str | None, wanted: str) -> UpgradeReadOnlyError:
    return UpgradeReadOnlyError(where, path=where, old=current or "@storage.no_schema", new=wanted)


def _still_at(engine: Engine, revision: str | None) -> bool:
    """Whether a failed upgrade left the schema at `revision` (it rolled back)."""
    try:
        return current_revision(engine) == revision
    except StorageError:
        return False


def downgrade_schema(engine: Engine, target: str, script_location: Path | None = None) -> None:
    """For developers and tests: step the schema back (`base` drops every table)."""
    _run(engine, "downgrade", target, script_location)
