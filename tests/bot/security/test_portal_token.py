"""The portal's signed start token: user id and expiry, nothing else; tampering fails."""

from __future__ import annotations

import pytest

from bot.security.portal_token import TTL_S, issue, verify

SECRET = "x" * 40


def test_token_round_trip_gives_the_user_id():
    assert verify(issue(7, SECRET, now=1000.0), SECRET, now=1001.0) == 7


def test_token_expires():
    token = issue(7, SECRET, now=1000.0)
    assert verify(token, SECRET, now=1000.0 + TTL_S + 1) is None


@pytest.mark.parametrize("bad", [None, 7, "", "a.b.c", "7.9999999999.xyz", "7.1.2.3", "x" * 300])
def test_malformed_or_forged_tokens_are_refused(bad):
    assert verify(bad, SECRET) is None


def test_other_secret_or_changed_user_is_refused():
    token = issue(7, SECRET)
    assert verify(token, "y" * 40) is None
    user, expiry, signature = token.split(".")
    assert verify(f"8.{expiry}.{signature}", SECRET) is None
