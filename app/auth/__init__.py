"""Trainer sign-in and trainee PINs: slow salted hashes and a failed-attempt throttle. No Qt, no storage."""

from app.auth.access import AccessDenied, Viewer
from app.auth.passwords import PasswordPolicyError, hash_password, needs_rehash, verify_password
from app.auth.pins import PinAlreadySetError, PinPolicyError, hash_pin, is_valid_pin, verify_pin
from app.auth.throttle import LockedOut, LoginThrottle

__all__ = ["AccessDenied", "Viewer", "LockedOut", "LoginThrottle", "PasswordPolicyError", "PinAlreadySetError",
           "PinPolicyError", "hash_password", "hash_pin", "is_valid_pin", "needs_rehash", "verify_password",
           "verify_pin"]
