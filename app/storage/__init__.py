"""Storage: every session kept safely, on SQLite by default or on a shared PostgreSQL.

    from app.storage import open_storage
    repository = open_storage()            # resolve the URL, migrate, mark interrupted sessions
    recorder = CallRecorder(repository, "Alice", scenario)

The domain never imports this package; front ends pass a `SessionRepository` around.
"""

from app.resources import user_data_dir
from app.storage.accounts import TrainerExistsError
from app.storage.audio import AudioChunkWriter, AudioClip
from app.storage.checks import check_database
from app.storage.database import Database
from app.storage.errors import (
    CannotOpenError,
    ConnectionLostError,
    DatabaseLockedError,
    DiskFullError,
    ImportFormatError,
    NotFoundError,
    ReadOnlyError,
    SchemaOutOfDateError,
    SchemaTooNewError,
    StorageError,
)
from app.storage.location import default_trainee_name, resolve_database_url
from app.storage.recorder import CallRecorder
from app.storage.records import (
    EXAMPLE_BAD,
    EXAMPLE_GOOD,
    OVERALL,
    SIDE_CUSTOMER,
    SIDE_TRAINEE,
    STATUS_FINISHED,
    STATUS_IN_PROGRESS,
    STATUS_INTERRUPTED,
    AudioTrackInfo,
    CommentDetail,
    DimensionDetail,
    OverrideDetail,
    PersonInfo,
    ProgressPoint,
    SessionDetail,
    SessionFilter,
    SessionRecord,
    TraineeProgress,
    TrainerAccount,
    TurnData,
    TurnDetail,
)
from app.storage.repository import SessionRepository


def open_storage(url: str | None = None, *, upgrade: bool = True) -> SessionRepository:
    """Open the configured database (migrating it), and mark sessions left open by dead processes."""
    database = Database.open(url, upgrade=upgrade)
    try:
        repository = SessionRepository(database)
        repository.mark_interrupted_sessions()
    except BaseException:
        database.close()
        raise
    return repository


__all__ = [
    "EXAMPLE_BAD", "EXAMPLE_GOOD", "TrainerAccount", "TrainerExistsError",
    "OVERALL", "SIDE_CUSTOMER", "SIDE_TRAINEE", "STATUS_FINISHED", "STATUS_INTERRUPTED", "STATUS_IN_PROGRESS",
    "AudioChunkWriter", "AudioClip", "AudioTrackInfo", "CallRecorder", "CannotOpenError", "CommentDetail",
    "ConnectionLostError", "Database", "DatabaseLockedError", "DimensionDetail", "DiskFullError",
    "ImportFormatError", "NotFoundError", "OverrideDetail", "PersonInfo", "ProgressPoint", "ReadOnlyError",
    "SchemaOutOfDateError", "SchemaTooNewError", "SessionDetail", "SessionFilter", "SessionRepository",
    "SessionRecord", "StorageError", "TraineeProgress", "TurnData", "TurnDetail", "check_database",
    "default_trainee_name", "open_storage", "resolve_database_url", "user_data_dir",
]
