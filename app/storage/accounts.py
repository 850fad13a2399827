"""Trainer accounts and the good/bad example mark: the storage side of the trainer workspace.

A trainer's password is kept only as a salted scrypt hash (`app.auth`). The failed sign-in count
and lock-out time are stored on the trainer's row, so restarting the app does not reset them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy import select

from app.auth import LoginThrottle, hash_password, needs_rehash, verify_password
from app.storage.database import Database
from app.storage.errors import ReadOnlyError
from app.storage.models import PersonRow, utc_now
from app.storage.records import EXAMPLE_MARKS, ROLE_TRAINER, TrainerAccount
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


def _find(db, name: str) -> PersonRow | None:
    return db.scalar(select(PersonRow).where(PersonRow.role == ROLE_TRAINER, PersonRow.name == name.strip()))


def sign_in(database: Database, name: str, password: str, throttle: LoginThrottle) -> bool:
    """Check a trainer's password through `throttle`; raises `app.auth.LockedOut` while locked.

    The attempt is counted in the database *before* the password is checked, in one locked write
    (SQLite: an immediate transaction; PostgreSQL: the row locked), as if it failed: parallel
    guesses cannot all read the same count, so each lock-out lets through `lock_after` guesses at
    most, across processes and machines sharing the database. A right password then clears it.
    A database that refuses writes (read-only) falls back to this process's own count.
    """
    account = name.strip()
    try:
        counted, stored_hash = _count_attempt(database, account, throttle)
    except ReadOnlyError:
        counted = False
        with database.read() as db:
            row = _find(db, account)
            stored_hash = row.password_hash if row is not None else None

    def check() -> bool:
        if stored_hash is None:
            verify_password(password, _decoy_hash())
            return False
        return verify_password(password, stored_hash)

    ok = throttle.attempt(account, check)  # LockedOut propagates before any check
    if counted and ok:
        with database.write() as db:
            current = _find(db, account)
            if current is not None:
                current.failed_logins = 0
                current.blocked_until = None
                if needs_rehash(current.password_hash or ""):
                    current.password_hash = hash_password(password)
    return ok


def _count_attempt(database: Database, account: str, throttle: LoginThrottle) -> tuple[bool, str | None]:
    """Count one attempt on `account` as failed (until its password proves right), with the lock-out
    it would bring; raises `LockedOut` if the account is locked now. (counted?, stored hash)."""
    with database.write() as db:
        row = db.scalar(select(PersonRow).where(PersonRow.role == ROLE_TRAINER, PersonRow.name == account)
                        .with_for_update())
        if row is None:
            return False, None
        state = throttle.state(account)
        state.failures = max(state.failures, row.failed_logins)
        if row.blocked_until is not None:
            state.blocked_until = max(state.blocked_until, row.blocked_until.timestamp())
        throttle.check(account)  # locked: nothing counted, nothing checked
        trial = LoginThrottle(throttle.clock, throttle.free_attempts, throttle.base_delay, throttle.lock_after,
                              throttle.lock_seconds)
        trial.state(account).failures = row.failed_logins
        trial.failed(account)  # what this attempt brings if it fails
        row.failed_logins = trial.state(account).failures
        blocked = trial.state(account).blocked_until
        row.blocked_until = datetime.fromtimestamp(blocked, UTC) if blocked > 0 else None
        return True, row.password_hash


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
