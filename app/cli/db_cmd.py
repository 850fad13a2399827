"""`roleplay db upgrade|check`: for IT, the database's schema and health."""

from __future__ import annotations

import argparse

from app.cli.storage_support import (
    add_database_option,
    open_cli_repository,
    open_repository,
    storage_cli_error,
    storage_message,
    warn,
)
from app.texts import msg

DAMAGE_PREFIXES = ("integrity_check", "unreadable")  # `check_database`'s lines for a damaged file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="upgrade or check the session database")
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = sub.add_parser("upgrade", help="bring the schema up to date (SQLite: backed up first)")
    add_database_option(upgrade)
    upgrade.set_defaults(handler=upgrade_command)
    check = sub.add_parser("check", help="integrity and consistency check; exit 1 on any problem")
    add_database_option(check)
    check.set_defaults(handler=check_command)


def upgrade_command(args: argparse.Namespace) -> int:
    repository = open_cli_repository(args.database)  # opening migrates
    database = repository.database
    report = database.upgrade_report
    print(msg("db.where", url=database.description))
    if report is not None and report.changed:
        if report.backup_path is not None:
            print(msg("db.backup", path=report.backup_path))
        print(msg("db.upgraded", old=report.from_revision or "-", new=report.to_revision))
    else:
        print(msg("db.up_to_date", revision=database.head_revision()))
    from app.storage.rescore import sessions_without_call_score

    outdated = sessions_without_call_score(database)
    if outdated:
        print(msg("rescore.needed", count=outdated))
    database.close()
    return 0


def check_command(args: argparse.Namespace) -> int:
    """Exit 1 on any problem, a damaged file included (with the backup to restore, where there is one)."""
    from app.storage import StorageError
    from app.storage.errors import DamagedDatabaseError, UnusableDatabaseError
    from app.storage.location import describe_url, resolve_database_url

    try:
        repository = open_repository(args.database)
    except UnusableDatabaseError as error:  # damaged, two schema versions, an upgrade that cannot work
        print(msg("db.where", url=describe_url(resolve_database_url(args.database))))
        if isinstance(error, DamagedDatabaseError):
            warn(f"unreadable: {error.detail}")
        warn(storage_message(error))
        print(msg("db.check_bad", count=1))
        return 1
    except StorageError as error:
        raise storage_cli_error(error) from error
    database = repository.database
    print(msg("db.where", url=database.description))
    try:
        print(msg("db.revision", revision=database.schema_revision(), head=database.head_revision()))
        problems = repository.check()
    except StorageError as error:
        raise storage_cli_error(error) from error
    finally:
        database.close()
    for problem in problems:
        warn(problem)
    if any(problem.startswith(DAMAGE_PREFIXES) for problem in problems):
        warn(storage_message(database.explain(DamagedDatabaseError("integrity_check"))))
    print(msg("db.check_bad", count=len(problems)) if problems else msg("db.check_ok"))
    return 1 if problems else 0
