"""Understands a typed or clicked answer to one audit question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.audit.definition import Question
from bot.audit.scoring import DONT_KNOW, SKIPPED
from bot.cues import folded_words
from bot.text import fold

BACK_CHOICE = "edellinen"  # the value of the "previous question" button


@dataclass(frozen=True)
class ParsedAnswer:
    """What the text meant: option id(s), SKIPPED, DONT_KNOW, "back", or nothing understood."""

    value: str | tuple[str, ...] | None
    back: bool = False

    @property
    def understood(self) -> bool:
        """True when the answer can be stored (or is a request to go back)."""
        return self.back or self.value is not None


def _has_phrase(folded: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?:^|\s){re.escape(p)}(?:$|\s)", folded) for p in phrases)


def _cue_length(folded: str, cue: str) -> int:
    """Length of a cue found at a word start (cues are stems: "vuokra-asunno" matches more)."""
    return len(cue) if re.search(rf"(?:^|\s){re.escape(fold(cue))}", folded) else 0


def parse_answer(question: Question, text: str, professional: bool = False) -> ParsedAnswer:
    """Map a button label or free text to the question's option(s)."""
    folded = fold(text)
    if not folded:
        return ParsedAnswer(None)
    if _has_phrase(folded, folded_words("audit", "back")):
        return ParsedAnswer(None, back=True)
    for option in question.options:  # an exact label (button) wins over everything
        if folded == fold(option.label):
            return ParsedAnswer((option.id,) if question.multi else option.id)
    if _has_phrase(folded, folded_words("audit", "skip")):
        return ParsedAnswer(SKIPPED)
    if _has_phrase(folded, folded_words("audit", "dont_know")) and professional:
        return ParsedAnswer(DONT_KNOW)
    scored = [
        (max((_cue_length(folded, w) for w in option.words), default=0), option.id)
        for option in question.options
    ]
    if question.multi:
        chosen = tuple(oid for length, oid in scored if length)
        real = tuple(oid for oid in chosen if oid != "ei_mikaan")
        return ParsedAnswer(real or chosen or None)
    best = max(length for length, _ in scored)
    winners = [oid for length, oid in scored if length == best]
    if best == 0 or len(winners) > 1:
        return ParsedAnswer(None)
    return ParsedAnswer(winners[0])


def is_plain_answer(question: Question, text: str, professional: bool = False) -> bool:
    """True when the text is nothing but an answer: a label, an option's word, skip or back.

    A message the classifier took for a crisis is accepted as the answer only then: "en jaksa
    enää" contains the answer word "en" but is not a plain "en"."""
    folded = fold(text)
    phrases = {*folded_words("audit", "skip"), *folded_words("audit", "back")}
    if professional:
        phrases.update(folded_words("audit", "dont_know"))
    for option in question.options:
        phrases.add(fold(option.label))
        phrases.update(fold(str(word)) for word in option.words)
    return bool(folded) and folded in phrases


def parse_choice(question: Question, value: str, professional: bool = False) -> ParsedAnswer:
    """Map an answer button's value (option id, skip, "don't know" or back) to the answer."""
    if value == BACK_CHOICE:
        return ParsedAnswer(None, back=True)
    if value == SKIPPED or (value == DONT_KNOW and professional):
        return ParsedAnswer(value)
    if value in {option.id for option in question.options}:
        return ParsedAnswer((value,) if question.multi else value)
    return ParsedAnswer(None)
