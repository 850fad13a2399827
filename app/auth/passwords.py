"""Trainer passwords (and trainee PINs, `app.auth.pins`), stored only as a salted scrypt hash
(hashlib, memory-hard and slow).

Format: ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>`` so the cost can be raised later:
`needs_rehash` tells the caller to store a fresh hash after the next successful sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
LOG2_N, BLOCK_SIZE, PARALLELISM = 15, 8, 1  # ~32 MiB and ~0.1 s per check on a laptop
SALT_BYTES, KEY_BYTES = 16, 32
MIN_LENGTH = 8


class PasswordPolicyError(ValueError):
    """The password is too weak to set. `key` names a bilingual message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=n * r * 128 * 2,
                          dklen=KEY_BYTES)


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError("password.too_short")
    if password.strip() != password or not password.strip():
        raise PasswordPolicyError("password.spaces")


def hash_password(password: str, *, log2_n: int = LOG2_N) -> str:
    check_policy(password)
    return hash_secret(password, log2_n=log2_n)


def hash_secret(secret: str, *, log2_n: int = LOG2_N) -> str:
    """The stored form of any secret that passed its own policy (a trainer's password, a trainee's PIN)."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(secret, salt, log2_n, BLOCK_SIZE, PARALLELISM)
    return f"{SCHEME}${log2_n}${BLOCK_SIZE}${PARALLELISM}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of `password` against a stored hash. A malformed hash never matches."""
    try:
        scheme, log2_n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(log2_n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != SCHEME or int(parts[1]) < LOG2_N
