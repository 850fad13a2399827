"""Trainer sign-in: slow salted password hashes and a failed-login throttle. No Qt, no storage."""

from app.auth.access import AccessDenied, Viewer
from app.auth.passwords import PasswordPolicyError, hash_password, needs_rehash, verify_password
from app.auth.throttle import LockedOut, LoginThrottle

__all__ = ["AccessDenied", "Viewer", "LockedOut", "LoginThrottle", "PasswordPolicyError", "hash_password", "needs_rehash", "verify_password"]
