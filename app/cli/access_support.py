"""Who is asking, on the command line: the same rules as the trainer workspace.

Without `--trainer`, a command acts for one trainee (`--trainee NAME`) and sees only that
trainee's sessions, as a trainee does in the app. Every other trainee's data, exports and imports
need a trainer: `--trainer NAME`, with the password from the environment variable
ROLEPLAY_TRAINER_PASSWORD or typed at a prompt (never on the command line, where `ps` would show
it). Failed attempts count towards the same stored lock-out as the app's sign-in dialog.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from app.auth import LockedOut, Viewer
from app.auth.access import ROLE_TRAINEE, AccessDenied
from app.cli.errors import CliError
from app.texts import msg

if TYPE_CHECKING:
    from app.storage.session_service import SessionService

PASSWORD_VARIABLE = "ROLEPLAY_TRAINER_PASSWORD"


def add_trainer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trainer", metavar="NAME",
                        help=f"sign in as this trainer (password from {PASSWORD_VARIABLE} or a prompt)")


def trainer_password(name: str, *, new: bool = False) -> str:
    """`name`'s password: from ROLEPLAY_TRAINER_PASSWORD, else typed at a prompt (a `new` one twice),
    never from the command line."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CliError(msg("access.no_password", name=name, variable=PASSWORD_VARIABLE))
    if not new:
        return getpass.getpass(msg("access.prompt", name=name))
    first = getpass.getpass(msg("trainers.prompt", name=name))
    if getpass.getpass(msg("trainers.prompt_again")) != first:
        raise CliError(msg("trainers.differ"))
    return first


def sign_in(service: SessionService, name: str) -> Viewer:
    if not service.has_trainer():
        raise CliError(msg("access.no_trainer"))
    password = trainer_password(name)
    try:
        viewer = service.sign_in(name, password)
    except LockedOut as locked:
        raise CliError(msg("access.locked", seconds=max(1, round(locked.retry_after)))) from None
    if viewer is None:
        raise CliError(msg("access.wrong_password", name=name))
    return viewer


def cli_viewer(service: SessionService, args: argparse.Namespace, *, trainer_only: bool = False) -> Viewer:
    """The signed-in trainer (`--trainer`), or the trainee named by `--trainee` when that is allowed."""
    if getattr(args, "trainer", None):
        return sign_in(service, args.trainer)
    trainee = getattr(args, "trainee", None)
    if trainer_only or not trainee:
        raise CliError(msg("access.trainer_needed", variable=PASSWORD_VARIABLE))
    return Viewer(trainee, ROLE_TRAINEE)


def access_cli_error(viewer: Viewer, error: AccessDenied) -> CliError:
    """What the command line says when the session service refuses the viewer."""
    if error.key == "not_yours":
        return CliError(msg("access.not_yours", name=viewer.name))
    return CliError(msg("access.trainer_needed", variable=PASSWORD_VARIABLE))
