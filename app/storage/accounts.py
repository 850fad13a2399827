"""Trainer accounts, trainee PINs and the good/bad example mark: the storage side of signing in.

A trainer's password, and a trainee's PIN where the site asks for PINs, are kept only as a salted
scrypt hash (`app.auth`) in the person's `password_hash`. The failed attempt count and lock-out time
are stored on the same row, so restarting the app does not reset them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import select

from app.auth import (
    LoginThrottle,
    PinAlreadySetError,
    hash_password,
    hash_pin,
    needs_rehash,
    verify_password,
    verify_pin,
)
from app.settings import load_site_settings
from app.storage.database import Database
from app.storage.errors import ReadOnlyError
from app.storage.models import PersonRow, utc_now
from app.storage.records import EXAMPLE_MARKS, ROLE_TRAINEE, ROLE_TRAINER, TrainerAccount
from app.storage.rows import SessionId, person_row, session_row


class TrainerExistsError(ValueError):
    """A first trainer password was asked for, but a trainer already has one."""


@cache
def _decoy_hash() -> str:
    """Checked against when the name is unknown, so a wrong name takes as long as a wrong password."""
    return hash_password("decoy-password-never-used")


def _account(row: PersonRow) -> TrainerAccount:
    return TrainerAccount(row.name, row.password_hash is not None, row.failed_logins, row.blocked_until)


def trainer_accounts(database: Database) -> list[TrainerAccount]:
    with database.read() as db:
        rows = db.scalars(select(PersonRow).where(PersonRow.role == ROLE_TRAINER).order_by(PersonRow.name))
        return [_account(r) for r in rows]


def create_first_trainer(database: Database, name: str, password: str) -> TrainerAccount:
    """Set the first trainer's password; refused once any trainer has one (one transaction)."""
    password_hash = hash_password(password)  # slow: outside the transaction; raises PasswordPolicyError
    with database.write() as db:
        taken = db.scalar(select(PersonRow.id).where(PersonRow.role == ROLE_TRAINER,
                                                     PersonRow.password_hash.is_not(None)))
        if taken is not None:
            raise TrainerExistsError("a trainer password is already set")
        row = person_row(db, name, ROLE_TRAINER)
        row.password_hash, row.failed_logins, row.blocked_until = password_hash, 0, None
        return _account(row)


def set_trainer_password(database: Database, name: str, password: str) -> TrainerAccount:
    """Create a trainer or replace their password (the caller checks a trainer is signed in)."""
    password_hash = hash_password(password)
    with database.write() as db:
        row = person_row(db, name, ROLE_TRAINER)
        row.password_hash, row.failed_logins, row.blocked_until = password_hash, 0, None
        return _account(row)


def _find(db, name: str, role: str = ROLE_TRAINER) -> PersonRow | None:
    return db.scalar(select(PersonRow).where(PersonRow.role == role, PersonRow.name == name.strip()))


def sign_in(database: Database, name: str, password: str, throttle: LoginThrottle) -> bool:
    """Check a trainer's password through `throttle`; raises `app.auth.LockedOut` while locked.

    The attempt is counted in the database *before* the password is checked, in one locked write
    (SQLite: an immediate transaction; PostgreSQL: the row locked), as if it failed: parallel
    guesses cannot all read the same count, so each lock-out lets through `lock_after` guesses at
    most, across processes and machines sharing the database. A right password then clears it.
    A database that refuses writes (read-only) falls back to this process's own count.
    """
    return _check_secret(database, ROLE_TRAINER, name, password, throttle, verify_password, hash_password)


def _throttle_key(role: str, account: str) -> str:
    """The throttle's name for an account: a trainee and a trainer of the same name are two accounts."""
    return account if role == ROLE_TRAINER else f"{role}:{account}"


def _check_secret(database: Database, role: str, name: str, secret: str, throttle: LoginThrottle,
                  verify: Callable[[str, str], bool], rehash: Callable[[str], str]) -> bool:
    """`sign_in` for either kind of account: a trainer's password or a trainee's PIN."""
    account = name.strip()
    key = _throttle_key(role, account)
    try:
        counted, stored_hash = _count_attempt(database, account, throttle, role)
    except ReadOnlyError:
        counted = False
        with database.read() as db:
            row = _find(db, account, role)
            stored_hash = row.password_hash if row is not None else None

    def check() -> bool:
        if stored_hash is None:
            verify(secret, _decoy_hash())
            return False
        return verify(secret, stored_hash)

    ok = throttle.attempt(key, check)  # LockedOut propagates before any check
    if counted and ok:
        with database.write() as db:
            current = _find(db, account, role)
            if current is not None:
                current.failed_logins = 0
                current.blocked_until = None
                if needs_rehash(current.password_hash or ""):
                    current.password_hash = rehash(secret)
    return ok


def _count_attempt(database: Database, account: str, throttle: LoginThrottle,
                   role: str = ROLE_TRAINER) -> tuple[bool, str | None]:
    """Count one attempt on `account` as failed (until its password proves right), with the lock-out
    it would bring; raises `LockedOut` if the account is locked now. (counted?, stored hash)."""
    key = _throttle_key(role, account)
    with database.write() as db:
        row = db.scalar(select(PersonRow).where(PersonRow.role == role, PersonRow.name == account)
                        .with_for_update())
        if row is None:
            return False, None
        state = throttle.state(key)
        state.failures = max(state.failures, row.failed_logins)
        if row.blocked_until is not None:
            state.blocked_until = max(state.blocked_until, row.blocked_until.timestamp())
        throttle.check(key)  # locked: nothing counted, nothing checked
        trial = LoginThrottle(throttle.clock, throttle.free_attempts, throttle.base_delay, throttle.lock_after,
                              throttle.lock_seconds)
        trial.state(key).failures = row.failed_logins
        trial.failed(key)  # what this attempt brings if it fails
        row.failed_logins = trial.state(key).failures
        blocked = trial.state(key).blocked_until
        row.blocked_until = datetime.fromtimestamp(blocked, UTC) if blocked > 0 else None
        return True, row.password_hash


# -- trainee PINs (site setting `"trainees": {"pins": true}`) --------------------------------------
@dataclass(frozen=True)
class TraineePinState:
    exists: bool  # there is a trainee profile of that name
    has_pin: bool
    required: bool  # a PIN must be given (or, without one yet, chosen) to act as this trainee


def trainee_pins_on() -> bool:
    """Does this site give every trainee profile a PIN? IT's site setting `"trainees": {"pins": true}`;
    off by default, so a name is enough, as before."""
    trainees = load_site_settings().get("trainees")
    return isinstance(trainees, dict) and trainees.get("pins") is True


def trainee_pin_state(database: Database, name: str) -> TraineePinState:
    """Whether acting as trainee `name` needs a PIN: always once the profile has one (whatever this
    computer's setting says, so a laptop without it cannot be used to get in), and for every
    profile where the site setting is on."""
    with database.read() as db:
        row = _find(db, name, ROLE_TRAINEE)
        has_pin = row is not None and row.password_hash is not None
    return TraineePinState(row is not None, has_pin, has_pin or trainee_pins_on())


def check_trainee_pin(database: Database, name: str, pin: str, throttle: LoginThrottle) -> bool:
    """Check a trainee's PIN with the trainers' throttle and lock-out (counted before the check, in
    the database); raises `LockedOut` while locked. False for a profile without a PIN."""
    return _check_secret(database, ROLE_TRAINEE, name, pin, throttle, verify_pin, hash_pin)


def set_first_trainee_pin(database: Database, name: str, pin: str) -> None:
    """Give a trainee profile its PIN, creating the profile if it is new. Refused with
    `PinAlreadySetError` when it has one already (chosen elsewhere meanwhile: the row is locked, so
    two first PINs cannot both be set); `PinPolicyError` unless the PIN is 4 to 8 digits."""
    pin_hash = hash_pin(pin)  # slow: outside the transaction
    with database.write() as db:
        row = db.scalar(select(PersonRow).where(PersonRow.role == ROLE_TRAINEE, PersonRow.name == name.strip())
                        .with_for_update())
        if row is None:
            row = person_row(db, name, ROLE_TRAINEE)
        if row.password_hash is not None:
            raise PinAlreadySetError(name)
        row.password_hash, row.failed_logins, row.blocked_until = pin_hash, 0, None


def clear_trainee_pin(database: Database, name: str) -> bool:
    """Forget a trainee's PIN and any lock-out, so they choose a new PIN; False if there is no such trainee."""
    with database.write() as db:
        row = db.scalar(select(PersonRow).where(PersonRow.role == ROLE_TRAINEE, PersonRow.name == name.strip())
                        .with_for_update())
        if row is None:
            return False
        row.password_hash, row.failed_logins, row.blocked_until = None, 0, None
        return True


def mark_example(database: Database, session_uuid: SessionId, mark: str | None, author: str,
                 note: str = "") -> None:
    """Mark a session as a good or bad example for team training (`None` clears the mark)."""
    if mark is not None and mark not in EXAMPLE_MARKS:
        raise ValueError(f"an example mark is one of {', '.join(EXAMPLE_MARKS)}")
    with database.write() as db:
        session = session_row(db, session_uuid)
        session.example_mark = mark
        session.example_note = (note.strip() or None) if mark is not None else None
        session.example_marked_at = utc_now() if mark is not None else None
        session.example_marked_by = person_row(db, author, ROLE_TRAINER).id if mark is not None else None
