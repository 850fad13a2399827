"""Trainee PINs: 4 to 8 digits (full-width digits from a Chinese input method are the same PIN),
stored only as the trainers' salted scrypt hash."""

from __future__ import annotations

import pytest

from app.auth import PinPolicyError, hash_pin, is_valid_pin, verify_password, verify_pin


@pytest.mark.parametrize("pin", ["1234", "12345678", "0000", " 4321 ", "１２３４"])
def test_four_to_eight_digits_are_a_pin(pin):
    assert is_valid_pin(pin)


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "12 34", "١٢٣٤", "-1234", "1234\n5"])
def test_anything_else_is_refused_and_nothing_is_hashed(pin):
    assert not is_valid_pin(pin)
    with pytest.raises(PinPolicyError) as caught:
        hash_pin(pin)
    assert caught.value.key == "pin.format"


def test_a_pin_is_hashed_like_a_trainer_password():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second and first.startswith("scrypt$15$") and "2468" not in first
    assert verify_pin("2468", first) and verify_pin("２４６８", first) and verify_password("2468", first)
    assert not verify_pin("2469", first) and not verify_pin("", first)
