"""`Database`: one engine, its connection settings, transactions, schema upgrades and checks.

Pass the `Database` (or the `SessionRepository` built on it) to whoever needs storage; there is
no global instance. Every method is safe to call from worker threads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from app.private_files import tighten
from app.storage.errors import CannotOpenError, ReadOnlyError, UnknownDatabaseKindError, translate_errors
from app.storage.location import describe_url, resolve_database_url
from app.storage.migrations import UpgradeReport, current_revision, head_revision, upgrade_schema

_SQLITE_BEGIN_OPTION = "roleplay_sqlite_begin"


def compact_json(value: object) -> str:
    """JSON as stored: UTF-8 text as is (Chinese takes 3 bytes a character, not 6), no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Database:
    """An open database. `Database.open()` resolves the URL, connects and brings the schema to head."""

    def __init__(self, url: URL, engine: Engine, sqlite_path: Path | None) -> None:
        self.url = url
        self.engine = engine
        self.sqlite_path = sqlite_path
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
            database.upgrade_report = upgrade_schema(database.engine, database.sqlite_path,
                                                     allow_upgrade=upgrade)
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
        for required in (path.parent, path):
            if required.exists() and not os.access(required, os.W_OK):
                raise ReadOnlyError(str(required), path=str(required))
        engine = create_engine(url, json_serializer=compact_json,
                               connect_args={"timeout": busy_timeout_s, "check_same_thread": False})
        busy_ms = int(busy_timeout_s * 1000)

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA cache_size=-32768")  # 32 MiB of pages: browsing 100k sessions stays fast
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection) -> None:
            mode = connection.get_execution_options().get(_SQLITE_BEGIN_OPTION, "DEFERRED")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return cls(url, engine, path)

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
        with translate_errors(), self._read_sessions() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything in the block is committed together, or nothing is."""
        with translate_errors(), self._write_sessions() as session, session.begin():
            yield session
