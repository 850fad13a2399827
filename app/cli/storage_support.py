"""What the storage commands share: opening the repository, saying storage errors in the user's
language, and the session filter options.

`app.storage` (SQLAlchemy, Alembic) is imported only when a command needs it, so commands that
never touch the database (`score`, `scenarios`) start as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from app.cli.errors import CliError
from app.texts import msg

if TYPE_CHECKING:
    from app.storage import SessionFilter, SessionRepository, StorageError
    from app.storage.session_service import SessionService

STORAGE_EXIT_CODE = 3


def storage_message(error: StorageError, lang: str | None = None) -> str:
    values = {"detail": error.detail, "id": "", "revision": "", "path": "", **error.values}
    return msg(error.message_key, lang, **values)


def storage_cli_error(error: StorageError, lang: str | None = None) -> CliError:
    return CliError(storage_message(error, lang), STORAGE_EXIT_CODE)


def open_repository(url: str | None = None, lang: str | None = None) -> SessionRepository:
    """The repository, with sessions left open by a crashed run marked interrupted (and said so);
    raises `StorageError`. A database that cannot be written here (read-only, busy) still opens
    for reading: the marking waits for a run that can write."""
    from app.storage import Database, SessionRepository

    database = Database.open(url)
    try:
        repository = SessionRepository(database)
        marked = repository.mark_interrupted_sessions()
    except BaseException:
        database.close()
        raise
    if marked:
        warn(msg("storage.marked_interrupted", lang, count=len(marked)))
    return repository


def open_cli_repository(url: str | None = None, lang: str | None = None) -> SessionRepository:
    """`open_repository`, its storage problems said as one line (exit 3)."""
    from app.storage import StorageError

    try:
        return open_repository(url, lang)
    except StorageError as error:
        raise storage_cli_error(error, lang) from error


def open_cli_service(url: str | None = None, lang: str | None = None) -> SessionService:
    """The session service (the access rules the app applies too) over the CLI's repository."""
    from app.storage.session_service import SessionService

    return SessionService(open_cli_repository(url, lang))


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL",
                        help="database URL (default: ROLEPLAY_DATABASE_URL, the settings, or SQLite in the data folder)")


def parse_when(value: str, end_of_day: bool = False) -> datetime:
    """A date or date-time on the command line, in local time unless it says otherwise."""
    try:
        when = datetime.fromisoformat(value)
        if not 1970 <= when.year <= 9998:
            raise ValueError(value)
        if end_of_day and len(value) <= 10:
            when += timedelta(days=1)
        if when.tzinfo is None:
            when = when.astimezone()  # the user's local time zone
        return when.astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        raise CliError(msg("err.bad_date", value=value)) from None


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, or a clear error (exit 2)."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(msg("err.number_range", value=value, low=low, high=high))
        return number
    return parse


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions")
    parser.add_argument("--scenario", metavar="ID", help="only this scenario")
    parser.add_argument("--emotion", choices=("angry", "anxious", "disappointed"))
    parser.add_argument("--language", choices=("en", "zh"))
    parser.add_argument("--outcome", choices=("resolved", "escalated", "abandoned"))
    parser.add_argument("--status", choices=("in_progress", "finished", "interrupted"))
    parser.add_argument("--since", metavar="DATE", help="started on or after (YYYY-MM-DD, local time)")
    parser.add_argument("--until", metavar="DATE", help="started on or before (YYYY-MM-DD, local time)")
    parser.add_argument("--min-score", type=bounded_int(0, 100), metavar="N")
    parser.add_argument("--max-score", type=bounded_int(0, 100), metavar="N")


def filters_from(args: argparse.Namespace) -> SessionFilter:
    from app.storage import SessionFilter

    return SessionFilter(
        trainee=args.trainee, scenario_id=args.scenario, emotion=args.emotion, language=args.language,
        outcome=args.outcome, status=args.status,
        started_from=parse_when(args.since) if args.since else None,
        started_before=parse_when(args.until, end_of_day=True) if args.until else None,
        min_score=args.min_score, max_score=args.max_score,
    )


def warn(text: str) -> None:
    print(f"roleplay: {text}", file=sys.stderr)
