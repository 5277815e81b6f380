"""Contact form input: Finnish phone numbers and e-mail, municipality names, times, skip words."""

import pytest

from bot.services.contact_details import (
    contact_cues,
    is_skip,
    looks_like_time,
    normalise_contact,
    normalise_municipality,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("040 123 4567", "0401234567"),
    ("+358401234567", "0401234567"),
    ("050-123 45 67", "0501234567"),
    ("(09) 2525 0111", "0925250111"),
    ("Matti@Esimerkki.FI", "matti@esimerkki.fi"),
])
def test_valid_contacts(text, expected):
    assert normalise_contact(text) == expected


@pytest.mark.parametrize("text", [
    "", "123", "0401", "puhelin", "040 123 4567 tai sit", "matti@", "@esimerkki.fi",
    "1" * 40, "0040 1234567", "<script>alert(1)</script>", "😀",
])
def test_invalid_contacts(text):
    assert normalise_contact(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Hyvinkää", "Hyvinkää"), ("hyvinkaalla", "Hyvinkää"), ("Järvenpäässä", "Järvenpää"),
    ("mantsalasta", "Mäntsälä"), ("Klaukkala", "Nurmijärvi"), ("Pornaisissa", "Pornainen"),
    ("hyrylä", "Tuusula"), ("muu", "muu"), ("Espoo", None), ("", None),
])
def test_municipalities(text, expected):
    assert normalise_municipality(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("aamupäivällä", True), ("klo 9-12", True), ("ti tai ke", True), ("ihan sama", True),
    ("kun kerkeän", False), ("en tiiä", False),
])
def test_times(text, expected):
    assert looks_like_time(text) is expected


def test_skip_words():
    assert is_skip("Ohita") and is_skip("en halua kertoa") and not is_skip("häätö uhkaa")


def test_skip_words_are_matched_after_folding():
    # "ei mitään" was listed unfolded in Python and never matched folded input.
    assert is_skip("Ei mitään") and is_skip("ei mitaan kiitos")


def test_cue_words_come_from_the_content_file():
    cues = contact_cues()
    assert "klaukkal" in cues.municipality_stems["Nurmijärvi"]
    assert all(w == w.lower() and "ä" not in w for w in cues.skip_words)
