"""`roleplay trainers list|add|reset`: IT manages trainer accounts.

Whoever can open the session database (the SQLite file, or the PostgreSQL server's credentials) is
IT here: no trainer sign-in is needed, which is also how a locked-out or forgotten trainer gets a
new password. The password comes from ROLEPLAY_TRAINER_PASSWORD or is typed twice at a prompt;
never on the command line (`ps` would show it).
"""

from __future__ import annotations

import argparse

from app.cli.access_support import trainer_password
from app.cli.errors import CliError
from app.cli.storage_support import add_database_option, open_cli_repository, storage_cli_error
from app.texts import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trainers", help="for IT: list, add or reset trainer accounts")
    sub = parser.add_subparsers(dest="trainers_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="trainer accounts, and whether one is locked out")
    add_database_option(listing)
    listing.set_defaults(handler=list_command)
    for action, text in (("add", "a new trainer account"), ("reset", "a new password for a trainer (clears a lock-out)")):
        command = sub.add_parser(action, help=text)
        command.add_argument("name", metavar="NAME")
        add_database_option(command)
        command.set_defaults(handler=set_password_command, action=action)


def list_command(args: argparse.Namespace) -> int:
    from app.storage import StorageError

    repository = open_cli_repository(args.database)
    try:
        accounts = repository.trainer_accounts()
    except StorageError as error:
        raise storage_cli_error(error) from error
    finally:
        repository.database.close()
    if not accounts:
        print(msg("trainers.none"))
    for account in accounts:
        state = (msg("trainers.locked", until=account.blocked_until.astimezone().strftime("%Y-%m-%d %H:%M"))
                 if account.blocked_until is not None else
                 msg("trainers.ok") if account.has_password else msg("trainers.no_password"))
        print(f"{account.name}\t{state}")
    return 0


def set_password_command(args: argparse.Namespace) -> int:
    from app.auth import PasswordPolicyError
    from app.storage import StorageError

    name = args.name.strip()
    if not name:
        raise CliError(msg("trainers.no_name"))
    repository = open_cli_repository(args.database)
    try:
        exists = any(a.name == name for a in repository.trainer_accounts())
        if args.action == "add" and exists:
            raise CliError(msg("trainers.exists", name=name))
        if args.action == "reset" and not exists:
            raise CliError(msg("trainers.unknown", name=name))
        try:
            repository.set_trainer_password(name, trainer_password(name, new=True))
        except PasswordPolicyError:
            raise CliError(msg("trainers.weak")) from None
    except StorageError as error:
        raise storage_cli_error(error) from error
    finally:
        repository.database.close()
    print(msg("trainers.added" if args.action == "add" else "trainers.reset", name=name))
    return 0
