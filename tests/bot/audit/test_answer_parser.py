"""Typed and clicked answers to audit questions: labels, cue words, skip, back, don't know."""

import pytest

from bot.audit.answer_parser import BACK_CHOICE, is_plain_answer, parse_answer, parse_choice
from bot.audit.definition import default_definition
from bot.audit.scoring import DONT_KNOW, SKIPPED

DEFINITION = default_definition()
RASTIT = DEFINITION.question("k05_rastit")
ERITYISET = DEFINITION.question("k14_erityiset")  # multi-select


@pytest.mark.parametrize(("text", "expected"), [
    ("Yli 2 kuukauden vuokra", "yli_kaksi_kk"),        # the button label
    ("yli 2 kuukauden vuokra", "yli_kaksi_kk"),        # typed in lower case
    ("no kolmen kuukauden vuokrat on maksamatta", "yli_kaksi_kk"),
    ("ehkä puolet vuokrasta", "alle_kk"),
    ("", None),
    ("   ", None),
    ("😀", None),
    ("banaani", None),
])
def test_single_choice(text, expected):
    assert parse_answer(RASTIT, text).value == expected


def test_multi_select_collects_every_named_option():
    parsed = parse_answer(ERITYISET, "ero ja lapsia")
    assert set(parsed.value) == {"ero", "lapsia"}


@pytest.mark.parametrize("text", ["en halua vastata", "Ohita", "skip"])
def test_skip_phrases(text):
    assert parse_answer(RASTIT, text).value == SKIPPED


@pytest.mark.parametrize("text", ["edellinen", "takaisin", "palaa edelliseen kiitos"])
def test_back_phrases(text):
    parsed = parse_answer(RASTIT, text)
    assert parsed.back and parsed.understood and parsed.value is None


def test_dont_know_only_in_professional_mode():
    assert parse_answer(RASTIT, "en tiedä", professional=True).value == DONT_KNOW
    assert parse_answer(RASTIT, "en tiedä", professional=False).value != DONT_KNOW


@pytest.mark.parametrize(("text", "plain"), [
    ("Yli 2 kuukauden vuokra", True),
    ("kolme", True),                                       # an option's cue word alone
    ("ohita", True),
    ("en jaksa enää, kolme kuukautta rästiä", False),       # an answer inside a longer message
])
def test_plain_answer(text, plain):
    assert is_plain_answer(RASTIT, text) is plain


@pytest.mark.parametrize(("value", "expected", "back"), [
    ("yli_kaksi_kk", "yli_kaksi_kk", False),
    (SKIPPED, SKIPPED, False),
    (BACK_CHOICE, None, True),
    ("k99:olematon", None, False),
])
def test_button_values(value, expected, back):
    parsed = parse_choice(RASTIT, value)
    assert parsed.value == expected and parsed.back is back


def test_dont_know_button_only_for_professionals():
    assert parse_choice(RASTIT, DONT_KNOW, professional=True).value == DONT_KNOW
    assert parse_choice(RASTIT, DONT_KNOW).value is None


def test_multi_select_button_gives_a_tuple():
    assert parse_choice(ERITYISET, "ero").value == ("ero",)
