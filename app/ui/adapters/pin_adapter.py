"""`TraineePins` over the real repository: a trainee profile's PIN, hashed and throttled exactly like
a trainer's password (`app.storage.accounts`). Every method runs in a background task."""

from __future__ import annotations

import time
from collections.abc import Callable

from app.auth import LoginThrottle
from app.storage import SessionRepository, accounts
from app.ui.ports import PinStatus


class RepositoryTraineePins:
    def __init__(self, repository: SessionRepository, *, clock: Callable[[], float] = time.time) -> None:
        self.database = repository.database
        self.throttle = LoginThrottle(clock=clock)  # mirrors the count stored on each trainee's row

    def pin_status(self, name: str) -> PinStatus:
        state = accounts.trainee_pin_state(self.database, name)
        return PinStatus(state.required, state.has_pin)

    def check_pin(self, name: str, pin: str) -> bool:
        return accounts.check_trainee_pin(self.database, name, pin, self.throttle)

    def set_first_pin(self, name: str, pin: str) -> None:
        accounts.set_first_trainee_pin(self.database, name, pin)
