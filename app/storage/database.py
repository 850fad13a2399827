"""`Database`: one engine, its connection settings, transactions, schema upgrades and checks.

Pass the `Database` (or the `SessionRepository` built on it) to whoever needs storage; there is
no global instance. Every method is safe to call from worker threads.

A SQLite file at the current schema that this process may not write (a read-only folder or file)
opens for reading: listing, showing, exporting and checking work, and `write()` refuses at once
with `ReadOnlyError` naming what is read-only. Storage errors name the file, and where the file
is damaged, the newest backup to restore.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from app.private_files import tighten
from app.storage.errors import (
    CannotOpenError,
    DiskFullError,
    DiskIOError,
    ReadOnlyError,
    StorageError,
    UnknownDatabaseKindError,
    UnusableDatabaseError,
    translate_errors,
)
from app.storage.location import describe_url, resolve_database_url
from app.storage.migrations import (
    UpgradeReport,
    current_revision,
    head_revision,
    newest_backup,
    upgrade_schema,
)

_SQLITE_BEGIN_OPTION = "roleplay_sqlite_begin"
_NEARLY_FULL_BYTES = 1024 * 1024  # a disk I/O error with less than this left is a full disk


def compact_json(value: object) -> str:
    """JSON as stored: UTF-8 text as is (Chinese takes 3 bytes a character, not 6), no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Database:
    """An open database. `Database.open()` resolves the URL, connects and brings the schema to head."""

    def __init__(self, url: URL, engine: Engine, sqlite_path: Path | None, read_only: str | None = None) -> None:
        self.url = url
        self.engine = engine
        self.sqlite_path = sqlite_path
        self.read_only = read_only  # what refuses writes (a folder or file), when opened for reading only
        self.upgrade_report: UpgradeReport | None = None
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        # SQLite: a writing transaction takes the write lock at BEGIN, so it waits (busy_timeout)
        # instead of failing half-way when another connection writes first.
        writer = engine.execution_options(**{_SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._write_sessions = sessionmaker(bind=writer, expire_on_commit=False)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | URL | None = None, *, upgrade: bool = True, busy_timeout_s: float = 5.0,
             connect_timeout_s: int = 5) -> Database:
        """Connect (SQLite in the user data folder unless told otherwise) and migrate to head.

        With `upgrade=False` an out-of-date schema raises `SchemaOutOfDateError` instead.
        """
        resolved = url if isinstance(url, URL) else resolve_database_url(url)
        if resolved.get_backend_name() not in ("sqlite", "postgresql"):
            raise UnknownDatabaseKindError(resolved.get_backend_name())
        if resolved.get_backend_name() == "sqlite":
            database = cls._open_sqlite(resolved, busy_timeout_s)
        else:
            database = cls._open_server(resolved, busy_timeout_s, connect_timeout_s)
        try:
            try:
                database.upgrade_report = upgrade_schema(database.engine, database.sqlite_path,
                                                         allow_upgrade=upgrade, read_only=database.read_only)
            except StorageError as error:
                raise database.explain(error, starting=True) from error.__cause__
        except BaseException:
            database.close()
            raise
        return database

    @classmethod
    def _open_sqlite(cls, url: URL, busy_timeout_s: float) -> Database:
        if not url.database or url.database == ":memory:":
            raise CannotOpenError("an in-memory database would lose every session", path=":memory:")
        path = Path(url.database)
        with translate_errors():
            path.parent.mkdir(parents=True, exist_ok=True)
        # the user's own database: private, also where an older version left it readable by all
        for private in (path.parent, path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                        path.parent / "backups"):
            tighten(private)
        folder_writable = os.access(path.parent, os.W_OK)
        if not path.exists() and not folder_writable:  # nothing to read, and no way to create it
            raise ReadOnlyError(str(path.parent), path=str(path.parent))
        read_only = None if folder_writable else str(path.parent)
        if read_only is None and not os.access(path, os.W_OK) and path.exists():
            read_only = str(path)
        engine_url = url if read_only is None else cls._read_only_url(url, path, folder_writable)
        engine = create_engine(engine_url, json_serializer=compact_json,
                               connect_args={"timeout": busy_timeout_s, "check_same_thread": False})
        busy_ms = int(busy_timeout_s * 1000)

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            if read_only is None:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA cache_size=-32768")  # 32 MiB of pages: browsing 100k sessions stays fast
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection) -> None:
            mode = connection.get_execution_options().get(_SQLITE_BEGIN_OPTION, "DEFERRED")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return cls(url, engine, path, read_only)

    @staticmethod
    def _read_only_url(url: URL, path: Path, folder_writable: bool) -> URL:
        """SQLite's read-only mode. In a folder nobody can write, no other program can be changing
        the file either (its write-ahead log could not be created): without a log there, the file
        is opened as immutable, since SQLite cannot create the shared-memory file it would need."""
        query = {"mode": "ro", "uri": "true"}
        if not folder_writable and not path.with_name(path.name + "-wal").exists():
            query["immutable"] = "1"
        return URL.create(url.drivername, database=path.resolve().as_uri(), query=query)

    @classmethod
    def _open_server(cls, url: URL, lock_timeout_s: float, connect_timeout_s: int) -> Database:
        connect_args: dict[str, object] = {}
        if url.get_backend_name() == "postgresql":
            connect_args = {
                "connect_timeout": connect_timeout_s,
                "application_name": "roleplay-trainer",
                "options": f"-c lock_timeout={int(lock_timeout_s * 1000)}",
            }
        with translate_errors():
            engine = create_engine(url, pool_pre_ping=True, json_serializer=compact_json,
                                   connect_args=connect_args)
        return cls(url, engine, None)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- facts ---------------------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def description(self) -> str:
        return describe_url(self.url)

    def schema_revision(self) -> str | None:
        return current_revision(self.engine)

    @staticmethod
    def head_revision() -> str:
        return head_revision()

    def size_bytes(self) -> int:
        """Bytes the database takes on disk (SQLite: file plus WAL; PostgreSQL: the database)."""
        if self.sqlite_path is not None:
            if self.read_only is None:
                with self.read() as session:
                    session.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
            files = [self.sqlite_path, self.sqlite_path.with_name(self.sqlite_path.name + "-wal")]
            return sum(f.stat().st_size for f in files if f.exists())
        with self.read() as session:
            return int(session.execute(text("SELECT pg_database_size(current_database())")).scalar_one())

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; storage errors arrive as `StorageError`s."""
        with self._explained(), self._read_sessions() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything in the block is committed together, or nothing is. A
        database opened for reading only refuses at once (`ReadOnlyError`)."""
        if self.read_only is not None:
            raise ReadOnlyError(self.read_only, path=self.read_only)
        with self._explained(), self._write_sessions() as session, session.begin():
            yield session

    # -- saying what went wrong ----------------------------------------------------------------
    @contextmanager
    def _explained(self) -> Iterator[None]:
        try:
            with translate_errors():
                yield
        except StorageError as error:
            raise self.explain(error) from error.__cause__

    def explain(self, error: StorageError, *, starting: bool = False) -> StorageError:
        """`error` with this database's file in it: a damaged file names its newest backup, a disk
        I/O error on a disk with no room left is a full disk, a read-only refusal names the file."""
        where = str(self.sqlite_path) if self.sqlite_path is not None else self.description
        if isinstance(error, UnusableDatabaseError):
            backup = newest_backup(self.sqlite_path) if self.sqlite_path is not None else None
            return error.located(where, str(backup) if backup else None)
        if self.sqlite_path is not None and isinstance(error, DiskIOError | DiskFullError):
            if isinstance(error, DiskIOError) and not self._nearly_full():
                error.values["path"] = where
                return error
            if starting:
                full = DiskFullError(error.detail, path=where)
                full.message_key = "storage.disk_full_start"
                return full
            return error if isinstance(error, DiskFullError) else DiskFullError(error.detail, path=where)
        if isinstance(error, ReadOnlyError) and not error.values.get("path"):  # the driver's words: say where
            error.values.update(detail=self.read_only or where, path=self.read_only or where)
        if not error.values.get("path"):
            error.values["path"] = where
        return error

    def _nearly_full(self) -> bool:
        assert self.sqlite_path is not None
        try:
            return shutil.disk_usage(self.sqlite_path.parent).free < _NEARLY_FULL_BYTES
        except OSError:
            return False
