"""Who is asking, on the command line: the same rules as the trainer workspace.

Without `--trainer`, a command acts for one trainee (`--trainee NAME`) and sees only that
trainee's sessions, as a trainee does in the app. Every other trainee's data, exports and imports
need a trainer: `--trainer NAME`, with the password from the environment variable
ROLEPLAY_TRAINER_PASSWORD or typed at a prompt (never on the command line, where `ps` would show
it). Failed attempts count towards the same stored lock-out as the app's sign-in dialog.

A trainee profile with a PIN (every profile, where IT's site setting `"trainees": {"pins": true}`
is on) is acted for only with its PIN: from ROLEPLAY_TRAINEE_PIN or a prompt without echo, through
the same stored throttle and lock-out as a trainer's password. A profile without a PIN yet, where
the site asks for PINs, chooses one first (the same way; typed twice at a prompt).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from app.auth import LockedOut, LoginThrottle, PinAlreadySetError, PinPolicyError, Viewer
from app.auth.access import ROLE_TRAINEE, AccessDenied
from app.cli.errors import CliError
from app.cli.storage_support import storage_cli_error, warn
from app.texts import msg

if TYPE_CHECKING:
    from app.storage import Database
    from app.storage.session_service import SessionService

PASSWORD_VARIABLE = "ROLEPLAY_TRAINER_PASSWORD"
PIN_VARIABLE = "ROLEPLAY_TRAINEE_PIN"


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
    from app.storage import StorageError

    if not service.has_trainer():
        raise CliError(msg("access.no_trainer"))
    password = trainer_password(name)
    try:
        viewer = service.sign_in(name, password)
    except LockedOut as locked:
        raise CliError(msg("access.locked", seconds=max(1, round(locked.retry_after)))) from None
    except StorageError as error:  # the attempt could not be counted (busy): no password is checked
        raise storage_cli_error(error) from error
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
    confirm_trainee(service.repository.database, trainee)
    return Viewer(trainee, ROLE_TRAINEE)


def trainee_pin(name: str, *, new: bool = False, lang: str | None = None) -> str:
    """Trainee `name`'s PIN: from ROLEPLAY_TRAINEE_PIN, else typed at a prompt without echo (a `new`
    one twice), never from the command line."""
    pin = os.environ.get(PIN_VARIABLE)
    if pin is not None:
        return pin
    if not sys.stdin.isatty():
        raise CliError(msg("pins.no_new_pin" if new else "pins.no_pin", lang, name=name, variable=PIN_VARIABLE))
    if not new:
        return getpass.getpass(msg("pins.prompt", lang, name=name))
    first = getpass.getpass(msg("pins.prompt_new", lang, name=name))
    if getpass.getpass(msg("pins.prompt_again", lang)) != first:
        raise CliError(msg("pins.differ", lang))
    return first


def confirm_trainee(database: Database, name: str, *, new_profile: bool = False, lang: str | None = None) -> None:
    """Refuse, in one line, to act as trainee `name` without their PIN (when the profile has one, or
    the site asks for PINs). A profile without a PIN yet chooses one now; so does a new profile when
    the command creates it (`new_profile`: it records a session). Only reading a name that has no
    profile needs nothing: there is nothing of theirs to see."""
    from app.storage import StorageError, accounts

    name = name.strip()
    try:
        state = accounts.trainee_pin_state(database, name)
        if not state.required or (not state.exists and not new_profile):
            return
        if not state.has_pin:
            try:
                accounts.set_first_trainee_pin(database, name, trainee_pin(name, new=True, lang=lang))
            except PinPolicyError:
                raise CliError(msg("pins.format", lang)) from None
            except PinAlreadySetError:
                raise CliError(msg("pins.set_meanwhile", lang, name=name)) from None
            warn(msg("pins.chosen", lang, name=name))
            return
        pin = trainee_pin(name, lang=lang)
        try:
            right = accounts.check_trainee_pin(database, name, pin, LoginThrottle())
        except LockedOut as locked:
            raise CliError(msg("pins.locked", lang, name=name, seconds=max(1, round(locked.retry_after)))) from None
    except StorageError as error:
        raise storage_cli_error(error, lang) from error
    if not right:
        raise CliError(msg("pins.wrong", lang, name=name))


def access_cli_error(viewer: Viewer, error: AccessDenied) -> CliError:
    """What the command line says when the session service refuses the viewer."""
    if error.key == "not_yours":
        return CliError(msg("access.not_yours", name=viewer.name))
    return CliError(msg("access.trainer_needed", variable=PASSWORD_VARIABLE))
