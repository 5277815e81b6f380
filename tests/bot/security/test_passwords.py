"""argon2 hashes and the refusal of short and common passwords."""

from __future__ import annotations

import pytest

from bot.security.passwords import (
    common_passwords,
    hash_password,
    password_problem,
    verify_password,
)


def test_hash_is_argon2_and_verifies():
    hashed = hash_password("Kaksi-kuuta-ja-kolme-kettua")
    assert hashed.startswith("$argon2id$")
    assert verify_password("Kaksi-kuuta-ja-kolme-kettua", hashed)
    assert not verify_password("kaksi-kuuta-ja-kolme-kettua", hashed)


def test_unknown_user_and_broken_hash_never_verify():
    assert verify_password("anything", None) is False
    assert verify_password("anything", "not-a-hash") is False


@pytest.mark.parametrize(("password", "problem"), [
    ("lyhyt", "too_short"),
    ("salasana1234", "common"),
    ("Salasana2026!", "common"),
    ("qwerty123456", "common"),
    ("perkele12345678", "common"),
    ("aaaaaaaaaaaaaa", "common"),
    ("tiina-on-paras-123", "common"),  # contains the e-mail's local part
    ("Kaksi-kuuta-ja-kolme-kettua", None),
])
def test_password_problem(password, problem):
    assert password_problem(password, "tiina@keusote.example", 12) == problem


def test_bundled_list_has_hundreds_of_entries_with_finnish_ones():
    words = common_passwords()
    assert len(words) > 300
    assert {"salasana", "perkele", "qwerty123", "hyvinkaa", "123456"} <= words
