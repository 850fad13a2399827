"""Failed sign-in throttle: after `free_attempts` failures in a row, each further attempt waits
longer (doubling), and after `lock_after` failures the account is locked for `lock_seconds`.

The clock is injected, so tests (and the GUI) control time. The state is plain data that the caller
can persist next to the trainer's record, so a restart does not reset the count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


class LockedOut(Exception):
    """Signing in is refused for `retry_after` more seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"locked for {retry_after:.0f} s")
        self.retry_after = retry_after


@dataclass
class ThrottleState:
    failures: int = 0
    blocked_until: float = 0.0


class LoginThrottle:
    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        free_attempts: int = 3,
        base_delay: float = 2.0,
        lock_after: int = 5,
        lock_seconds: float = 300.0,
    ) -> None:
        self.clock = clock
        self.free_attempts = free_attempts
        self.base_delay = base_delay
        self.lock_after = lock_after
        self.lock_seconds = lock_seconds
        self._states: dict[str, ThrottleState] = {}

    def state(self, account: str) -> ThrottleState:
        return self._states.setdefault(account, ThrottleState())

    def check(self, account: str) -> None:
        """Raise `LockedOut` if `account` may not try now."""
        wait = self.state(account).blocked_until - self.clock()
        if wait > 0:
            raise LockedOut(wait)

    def failed(self, account: str) -> None:
        st = self.state(account)
        st.failures += 1
        now = self.clock()
        if st.failures >= self.lock_after:
            st.blocked_until = now + self.lock_seconds
        elif st.failures >= self.free_attempts:
            st.blocked_until = now + self.base_delay * 2 ** (st.failures - self.free_attempts)

    def succeeded(self, account: str) -> None:
        self._states.pop(account, None)

    def attempt(self, account: str, check_password: Callable[[], bool]) -> bool:
        """Check the throttle, run the password check, record the outcome. Raises `LockedOut`."""
        self.check(account)
        ok = check_password()
        if ok:
            self.succeeded(account)
        else:
            self.failed(account)
        return ok
