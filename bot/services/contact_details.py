"""Checks what a person types into the contact form: phone or e-mail, municipality, time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.cues import cues
from bot.municipalities import MUNICIPALITIES, OTHER_MUNICIPALITY
from bot.text import fold as _fold

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Finnish numbers: mobile 04x/050 and landlines (09, 013, ...) with 7-10 digits in all; +358 form.
_PHONE_DIGITS = re.compile(r"^(?:\+358|00358|0)(\d{6,10})$")
_PHONE_CHARS = re.compile(r"^[+\d(][\d\s()-]*$")


@dataclass(frozen=True)
class ContactCues:
    """The contact form's cue words from data/content/cues.yml, folded."""

    skip_words: tuple[str, ...]
    municipality_stems: dict[str, tuple[str, ...]]
    other_municipality: tuple[str, ...]
    time_hints: re.Pattern[str]


@lru_cache(maxsize=1)
def contact_cues() -> ContactCues:
    """cues.yml's contact section, loaded once per process."""
    raw = cues()["contact"]
    words = "|".join(re.escape(_fold(w)) for w in raw["time_words"])
    weekdays = "|".join(re.escape(_fold(w)) for w in raw["weekday_abbreviations"])
    return ContactCues(
        skip_words=tuple(_fold(w) for w in raw["skip_words"]),
        municipality_stems={
            name: tuple(_fold(stem) for stem in stems)
            for name, stems in raw["municipality_stems"].items()
        },
        other_municipality=tuple(_fold(w) for w in raw["other_municipality"]),
        time_hints=re.compile(
            rf"\b({words})|\b(?:{weekdays})\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\b"
        ),
    )


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


def normalise_municipality(text: str) -> str | None:
    """One of the six municipalities in base form, "muu", or None when not recognised."""
    folded = _fold(text)
    for name in MUNICIPALITIES:
        if folded == _fold(name):
            return name
    cues = contact_cues()
    for name, stems in cues.municipality_stems.items():
        if any(re.search(rf"\b{re.escape(stem)}", folded) for stem in stems):
            return name
    if any(folded.startswith(w) or folded == w for w in cues.other_municipality):
        return OTHER_MUNICIPALITY
    return None


def looks_like_time(text: str) -> bool:
    """True when the text names a time of day, weekday or "any time"."""
    return bool(contact_cues().time_hints.search(_fold(text)))


def is_skip(text: str) -> bool:
    """The person does not want to tell (optional fields)."""
    folded = _fold(text)
    return any(folded == w or folded.startswith(w + " ") for w in contact_cues().skip_words)
