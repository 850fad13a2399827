"""Trainer passwords and the failed sign-in throttle."""

from __future__ import annotations

import pytest

from app.auth import (
    LockedOut,
    LoginThrottle,
    PasswordPolicyError,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.domain.dialogue import ManualClock


def test_hash_is_salted_slow_and_verifies():
    first, second = hash_password("s3cret-trainer"), hash_password("s3cret-trainer")
    assert first != second  # salted
    assert "s3cret" not in first and first.startswith("scrypt$15$")
    assert verify_password("s3cret-trainer", first) and verify_password("s3cret-trainer", second)
    assert not verify_password("s3cret-trainex", first)


@pytest.mark.parametrize("stored", ["", "garbage", "scrypt$1$2", "bcrypt$15$8$1$AAAA$AAAA", "scrypt$x$8$1$AA$AA"])
def test_malformed_hash_never_matches(stored):
    assert not verify_password("anything", stored)


def test_weak_passwords_are_refused():
    with pytest.raises(PasswordPolicyError) as info:
        hash_password("short")
    assert info.value.key == "password.too_short"


def test_old_cost_needs_rehash():
    assert needs_rehash(hash_password("long enough pw", log2_n=10))
    assert not needs_rehash(hash_password("long enough pw"))


def test_wrong_passwords_slow_down_then_lock_out():
    clock = ManualClock(1000.0)
    throttle = LoginThrottle(clock.now, free_attempts=3, base_delay=2.0, lock_after=5, lock_seconds=300)
    stored = hash_password("right password", log2_n=10)

    def attempt(pw):
        return throttle.attempt("trainer", lambda: verify_password(pw, stored))

    assert not attempt("wrong 1") and not attempt("wrong 2")
    assert not attempt("wrong 3")  # third failure: a 2 s wait starts
    with pytest.raises(LockedOut) as info:
        attempt("right password")  # refused even with the right password while waiting
    assert info.value.retry_after == pytest.approx(2.0)
    clock.advance(2.1)
    assert not attempt("wrong 4")
    clock.advance(4.1)
    assert not attempt("wrong 5")  # fifth failure: locked for five minutes
    clock.advance(200)
    with pytest.raises(LockedOut):
        attempt("right password")
    clock.advance(101)
    assert attempt("right password")
    assert throttle.state("trainer").failures == 0
