"""`roleplay trainees reset-pin NAME`: clear a trainee's PIN (and any lock-out), so they choose a new
one when they next pick their profile (site setting `"trainees": {"pins": true}`).

A trainer does it signed in (`--trainer NAME`, password from ROLEPLAY_TRAINER_PASSWORD or a prompt);
IT, like `roleplay trainers reset`, needs no sign-in: whoever can open the session database is IT.
"""

from __future__ import annotations

import argparse

from app.cli.access_support import add_trainer_option, sign_in
from app.cli.errors import CliError
from app.cli.storage_support import add_database_option, open_cli_repository, storage_cli_error
from app.texts import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trainees", help="for trainers and IT: clear a trainee's PIN")
    sub = parser.add_subparsers(dest="trainees_command", metavar="ACTION", required=True)
    reset = sub.add_parser("reset-pin", help="clear a trainee's PIN and lock-out: they choose a new PIN next time")
    reset.add_argument("name", metavar="NAME")
    add_trainer_option(reset)
    add_database_option(reset)
    reset.set_defaults(handler=reset_pin_command)


def reset_pin_command(args: argparse.Namespace) -> int:
    from app.storage import StorageError, accounts
    from app.storage.session_service import SessionService

    name = args.name.strip()
    if not name:
        raise CliError(msg("trainees.no_name"))
    repository = open_cli_repository(args.database)
    try:
        if args.trainer:
            sign_in(SessionService(repository), args.trainer)
        if not accounts.clear_trainee_pin(repository.database, name):
            raise CliError(msg("trainees.unknown", name=name))
    except StorageError as error:
        raise storage_cli_error(error) from error
    finally:
        repository.database.close()
    print(msg("trainees.pin_cleared", name=name))
    return 0
