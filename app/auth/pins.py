"""Trainee PINs: 4 to 8 digits, stored only as a salted scrypt hash, exactly like a trainer's
password (`app.auth.passwords`), and checked through the same throttle and lock-out.

Digits typed on a Chinese input method arrive full-width (１２３４): they are the same PIN, so a PIN is
normalised (NFKC, spaces at either end dropped) before it is checked against the policy, hashed or
verified.
"""

from __future__ import annotations

import re
import unicodedata

from app.auth.passwords import hash_secret, verify_password

MIN_DIGITS, MAX_DIGITS = 4, 8
_PIN = re.compile(rf"[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}")


class PinPolicyError(ValueError):
    """Not a PIN: it must be 4 to 8 digits."""

    key = "pin.format"

    def __init__(self) -> None:
        super().__init__(self.key)


class PinAlreadySetError(ValueError):
    """A first PIN was to be chosen, but the profile has one by now (chosen elsewhere meanwhile)."""


def normalize_pin(pin: str) -> str:
    return unicodedata.normalize("NFKC", pin).strip()


def is_valid_pin(pin: str) -> bool:
    return _PIN.fullmatch(normalize_pin(pin)) is not None


def hash_pin(pin: str) -> str:
    """The stored form of a new PIN; raises `PinPolicyError` unless it is 4 to 8 digits."""
    if not is_valid_pin(pin):
        raise PinPolicyError()
    return hash_secret(normalize_pin(pin))


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time check of `pin` against its stored hash (anything but a PIN never matches)."""
    return verify_password(normalize_pin(pin), stored)
