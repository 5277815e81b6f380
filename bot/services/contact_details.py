"""Checks what a person types into the contact form: phone or e-mail, municipality, time."""

from __future__ import annotations

import re

from bot.municipalities import MUNICIPALITIES, OTHER_MUNICIPALITY
from bot.text import fold as _fold

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Finnish numbers: mobile 04x/050 and landlines (09, 013, ...) with 7-10 digits in all; +358 form.
_PHONE_DIGITS = re.compile(r"^(?:\+358|00358|0)(\d{6,10})$")
_PHONE_CHARS = re.compile(r"^[+\d(][\d\s()-]*$")
_SKIP_WORDS = ("ohita", "ei mitään", "en halua", "en kerro", "ei kiitos", "-", "skip", "/deny")


def normalise_contact(text: str) -> str | None:
    """A valid phone number (digits, +358 kept) or e-mail address, else None."""
    value = text.strip().strip(".,;")
    if _EMAIL.match(value) and len(value) <= 200:
        return value.lower()
    if not _PHONE_CHARS.match(value):
        return None
    compact = re.sub(r"[\s()-]", "", value)
    match = _PHONE_DIGITS.match(compact)
    if not match:
        return None
    national = "0" + match.group(1)
    if not 7 <= len(national) <= 11 or national.startswith("00"):
        return None
    return national


_MUNICIPALITY_STEMS = {
    "Hyvinkää": ("hyvinka", "hyvinkaa", "hyvinkä"),
    "Järvenpää": ("jarvenpa", "jp"),
    "Mäntsälä": ("mantsal",),
    "Nurmijärvi": ("nurmijarv", "nurmijarve", "klaukkal", "rajamak"),
    "Pornainen": ("pornai", "pornais"),
    "Tuusula": ("tuusul", "hyryla", "jokela", "kellokoski"),
}
_OTHER_WORDS = ("muu", "joku muu", "en asu", "ei mikaan", "muualla")


def normalise_municipality(text: str) -> str | None:
    """One of the six municipalities in base form, "muu", or None when not recognised."""
    folded = _fold(text)
    for name in MUNICIPALITIES:
        if folded == _fold(name):
            return name
    for name, stems in _MUNICIPALITY_STEMS.items():
        if any(re.search(rf"\b{re.escape(_fold(stem))}", folded) for stem in stems):
            return name
    if any(folded.startswith(w) or folded == w for w in _OTHER_WORDS):
        return OTHER_MUNICIPALITY
    return None


_TIME_HINTS = re.compile(
    r"\b(aamu|aamupaiv|paiv|ilta|iltapaiv|klo|kello|arki|arkisin|viikonlop|maanant|tiista|keskiviik"
    r"|torst|perjant|milloin|ihan sama|koska vaan|koska vain|heti|huomen|tanaan)"
    r"|\b(?:ma|ti|ke|to|pe)\b|\b\d{1,2}(?:[.:]\d{2})?\b"
)


def looks_like_time(text: str) -> bool:
    """True when the text names a time of day, weekday or "any time"."""
    return bool(_TIME_HINTS.search(_fold(text)))


def is_skip(text: str) -> bool:
    """The person does not want to tell (optional fields)."""
    folded = _fold(text)
    return any(folded == w or folded.startswith(w + " ") for w in _SKIP_WORDS)
