"""Input checks before anything reaches Rasa."""

import pytest

from bot.services.message_check import check_sender, clean_message, readable_text, screen_payload


@pytest.mark.parametrize("sender", ["a" * 8, "A1-b2_c3" * 4, "0" * 64])
def test_random_token_senders_are_accepted(sender):
    assert check_sender(sender) is None


@pytest.mark.parametrize("sender", [None, 5, "", "short", "a" * 65, "has space12", "ääääääää"])
def test_other_senders_are_refused(sender):
    assert check_sender(sender).code == "invalid_sender"


def test_message_is_trimmed_and_nfc_normalised():
    text, problem = clean_message("  a\u0308iti  ", 1000)
    assert problem is None and text == "äiti"


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("", "empty"),
        (" \t\n", "empty"),
        ("x" * 11, "too_long"),
        ("a\x00b", "invalid_input"),
        ("a\x1bb", "invalid_input"),
        ("bad \ufffd char", "invalid_input"),
        (None, "invalid_input"),
        (["list"], "invalid_input"),
    ],
)
def test_problem_messages(message, code):
    assert clean_message(message, 10)[1].code == code


def test_newlines_and_tabs_are_fine():
    assert clean_message("rivi\nrivi\tsarake", 100) == ("rivi\nrivi\tsarake", None)


@pytest.mark.parametrize("message", ["\u200b", "\u200b\u200d\ufeff \u2060", "\u00ad"])
def test_invisible_characters_only_is_empty(message):
    assert clean_message(message, 100)[1].code == "empty"


def test_zero_width_characters_are_removed_from_words():
    assert clean_message("hal\u200buan ko\u00adti", 100) == ("haluan koti", None)


def test_readable_text_reveals_what_a_refused_message_says():
    tags = "".join(chr(0xE0000 + ord(c)) for c in "en jaksa")
    assert readable_text(f"\u200b{tags}\u200b") == "en jaksa"
    assert readable_text("ｈａｌｕａｎ\x00 kuolla\n\n") == "haluan kuolla"


@pytest.mark.parametrize(("text", "forwarded", "own"), [
    ("/vuokravelka", "/vuokravelka", True),
    ("/restart", "restart", False),
    ("//session_start", "session_start", False),
    ("/ / action_restart", "action_restart", False),
    ("vuokra / kk", "vuokra / kk", False),
])
def test_screen_payload(text, forwarded, own):
    assert screen_payload(text, {"/vuokravelka"}) == (forwarded, own)
