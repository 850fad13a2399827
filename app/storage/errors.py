"""Storage problems as the user should hear them, and the translation of driver errors into them.

Every `StorageError` carries a message key; the bilingual text lives with the other terminal
messages (`app.texts`, keys `storage.*`), so the CLI and the GUI say the same thing.
Driver exceptions never leave `app.storage`: `translate_errors()` turns them into these classes.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc


class StorageError(Exception):
    """A storage problem. `message_key` names the bilingual message; `values` fill it in."""

    message_key = "storage.failed"

    def __init__(self, detail: str = "", **values: object) -> None:
        super().__init__(detail or self.message_key)
        self.detail = detail
        self.values: dict[str, object] = {"detail": detail, **values}


class DatabaseLockedError(StorageError):
    """Another program holds the database (SQLite lock, PostgreSQL lock timeout)."""

    message_key = "storage.locked"


class DiskFullError(StorageError):
    message_key = "storage.disk_full"


class ReadOnlyError(StorageError):
    """The data folder, the file or the database refuses writes."""

    message_key = "storage.read_only"


class UnknownDatabaseKindError(StorageError):
    """The configured database address names a kind of database the app does not use."""

    message_key = "storage.unknown_kind"


class CannotOpenError(StorageError):
    message_key = "storage.cannot_open"


class ConnectionLostError(StorageError):
    """The PostgreSQL server cannot be reached, or it went away mid-session."""

    message_key = "storage.connection_lost"


class SchemaTooNewError(StorageError):
    """The database was upgraded by a newer version of the app."""

    message_key = "storage.schema_too_new"


class SchemaOutOfDateError(StorageError):
    """The database needs `roleplay db upgrade` (automatic upgrades were turned off)."""

    message_key = "storage.schema_old"


class NotFoundError(StorageError):
    message_key = "storage.not_found"


class SettingsUnreadableError(StorageError):
    """The settings file that may name the database cannot be read; no database is guessed."""

    message_key = "storage.bad_settings"


class ImportFormatError(StorageError):
    """A file to import is not a valid export; nothing of it was written. `key` picks the message
    (`storage.import_*`) that says which session and field, in the user's language."""

    message_key = "storage.bad_import"

    def __init__(self, detail: str = "", key: str | None = None, **values: object) -> None:
        super().__init__(detail, **values)
        if key is not None:
            self.message_key = key


class DiskIOError(StorageError):
    """The disk failed a read or a write (SQLite: disk I/O error) with space left on it."""

    message_key = "storage.io_error"


class UnusableDatabaseError(StorageError):
    """A database the app cannot use as it is: the message names the file and, where the app made
    one, the newest backup to restore (`located`)."""

    advice_key = "storage.failed"

    def __init__(self, detail: str = "", **values: object) -> None:
        super().__init__(detail, **{"path": "", "backup": "", **values})
        self.message_key = self.advice_key

    def located(self, path: str, backup: str | None) -> UnusableDatabaseError:
        self.values["path"] = path
        self.values["backup"] = backup or ""
        self.message_key = f"{self.advice_key}_backup" if backup else self.advice_key
        return self


class DamagedDatabaseError(UnusableDatabaseError):
    """The database file is damaged (SQLite: malformed, not a database)."""

    advice_key = "storage.damaged"


class SchemaVersionConflictError(UnusableDatabaseError):
    """The version table names more than one schema revision (edited or merged by hand); `detail`
    lists them."""

    advice_key = "storage.two_versions"


class UpgradeFailedError(UnusableDatabaseError):
    """A schema upgrade failed (its tables do not match the version it records, ...) and was
    rolled back: the database is as it was."""

    advice_key = "storage.upgrade_failed"

    def __init__(self, detail: str = "", **values: object) -> None:
        super().__init__(detail, **{"old": "", "new": "", **values})


class UpgradeReadOnlyError(ReadOnlyError):
    """The schema needs an upgrade, but the database cannot be written here."""

    message_key = "storage.upgrade_read_only"

    def __init__(self, detail: str = "", **values: object) -> None:
        super().__init__(detail, **{"path": detail, "old": "", "new": "", **values})


# PostgreSQL SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_LOCKED = {"55P03", "40P01", "57014"}  # lock_not_available, deadlock_detected, query_canceled
_PG_DISK_FULL = {"53100", "53200"}  # disk_full, out_of_memory
_PG_READ_ONLY = {"25006", "42501"}  # read_only_sql_transaction, insufficient_privilege
_PG_CONNECTION_CLASSES = ("08", "57P")  # connection exceptions, admin/crash shutdown


def _sqlstate(error: BaseException | None) -> str:
    return str(getattr(error, "sqlstate", None) or getattr(error, "pgcode", None) or "")


def classify(error: BaseException) -> StorageError:
    """The `StorageError` for a driver, SQLAlchemy or OS error."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, OSError):
        return _classify_os_error(error)
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    lowered = text.lower()
    state = _sqlstate(original)
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return ConnectionLostError(text)
    by_name = _classify_sqlite_name(str(getattr(original, "sqlite_errorname", "") or ""), text)
    if by_name is not None:
        return by_name
    if state in _PG_LOCKED or "database is locked" in lowered or "database table is locked" in lowered:
        return DatabaseLockedError(text)
    if state in _PG_DISK_FULL or "database or disk is full" in lowered or "no space left" in lowered:
        return DiskFullError(text)
    if state in _PG_READ_ONLY or "readonly database" in lowered or "read-only" in lowered:
        return ReadOnlyError(text)
    if state.startswith(_PG_CONNECTION_CLASSES) or _looks_like_lost_connection(lowered):
        return ConnectionLostError(text)
    if "unable to open database file" in lowered:
        return CannotOpenError(text)
    if "malformed" in lowered or "file is not a database" in lowered:
        return DamagedDatabaseError(text)
    if "disk i/o error" in lowered:
        return DiskIOError(text)
    return StorageError(text)


def _classify_sqlite_name(name: str, text: str) -> StorageError | None:
    """SQLite's result code (`SQLITE_CORRUPT`, `SQLITE_IOERR_WRITE`, ...), where the driver gives it."""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedDatabaseError(text)
    if name.startswith("SQLITE_FULL"):
        return DiskFullError(text)
    if name.startswith("SQLITE_IOERR"):
        return DiskIOError(text)
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyError(text)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseLockedError(text)
    return None


def _looks_like_lost_connection(lowered: str) -> bool:
    hints = ("connection refused", "server closed the connection", "terminating connection",
             "connection is closed", "could not connect", "connection failed", "consuming input failed",
             "the database system is shutting down", "the database system is starting up",
             "connection timeout expired", "ssl connection has been closed")
    return any(hint in lowered for hint in hints)


def _classify_os_error(error: OSError) -> StorageError:
    detail = f"{error.filename}: {error.strerror}" if error.filename else str(error)
    if error.errno == errno.ENOSPC:
        return DiskFullError(detail)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(str(error.filename or detail))
    return CannotOpenError(detail)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Re-raise driver, SQLAlchemy and OS errors as `StorageError`s (the original is chained)."""
    try:
        yield
    except StorageError:
        raise
    except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as error:
        raise classify(error) from error
    except Exception as error:  # psycopg errors raised outside SQLAlchemy's wrapping
        if type(error).__module__.startswith("psycopg"):
            raise classify(error) from error
        raise
