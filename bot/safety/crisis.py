"""Deterministic crisis detection: suicide, self-harm, violence, acute danger and distress cues.

The classifier can be wrong; this detector cannot be argued with. Rasa runs it as an
NLU component (surface text and spaCy lemmas) and the web app runs it on the surface text
when Rasa is down, so both share the lexicon (crisis_lexicon.yml) and the idiom list
(crisis_idioms.yml). The tiers built on top of it are in bot/safety/tiers.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.text import fold
from bot.yaml_files import read_yaml

LEXICON_PATH = Path(__file__).with_name("crisis_lexicon.yml")
IDIOMS_PATH = Path(__file__).with_name("crisis_idioms.yml")
_NON_WORD = re.compile(r"[^\w]+")
_CLAUSE_BREAK = re.compile(r"[.,!?;:\n]+")
_FRAGMENT = re.compile(r"\{\{(\w+)\}\}")


def normalise(text: str) -> str:
    """The shared fold (bot.text.fold: ä→a, ö→o, å→a) with all punctuation turned into spaces."""
    return _NON_WORD.sub(" ", fold(text or "").replace("_", " ")).strip()


def clauses(text: str) -> list[str]:
    """The normalised clauses of a message, split at sentence and clause punctuation."""
    return [c for c in (normalise(part) for part in _CLAUSE_BREAK.split(text or "")) if c]


@dataclass(frozen=True)
class CrisisMatch:
    """Why a message was judged a crisis: the category and the pattern that fired."""

    category: str
    pattern: str
    source: str


@dataclass(frozen=True)
class _Category:
    name: str
    surface: tuple[re.Pattern[str], ...]
    lemma: tuple[re.Pattern[str], ...]


def _compile(patterns: Sequence[str], fragments: Mapping[str, str]) -> tuple[re.Pattern[str], ...]:
    def expand(pattern: str) -> str:
        return _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)

    return tuple(re.compile(expand(p)) for p in patterns)


class CrisisDetector:
    """Matches normalised text and lemmas against the crisis lexicon, idioms and distress cues."""

    def __init__(
        self,
        ignore: Sequence[str],
        categories: Mapping[str, Mapping[str, Sequence[str]]],
        distress: Mapping[str, Sequence[str]] | None = None,
        fragments: Mapping[str, str] | None = None,
    ) -> None:
        fragments = fragments or {}
        self._ignore = _compile(ignore, fragments)
        self._categories = tuple(
            _Category(
                name=name,
                surface=_compile(spec.get("surface", []), fragments),
                lemma=_compile(spec.get("lemma", []), fragments),
            )
            for name, spec in categories.items()
        )
        distress = distress or {}
        self._distress = _compile(distress.get("surface", []), fragments)
        self._distress_clause = _compile(distress.get("clause_end", []), fragments)

    @classmethod
    def from_file(
        cls, path: Path = LEXICON_PATH, idioms_path: Path | None = IDIOMS_PATH
    ) -> CrisisDetector:
        """Build a detector from a lexicon YAML file and the idiom list."""
        data = load_yaml(path)
        ignore = list(data.get("ignore", []))
        if idioms_path is not None:
            ignore += [entry["pattern"] for entry in load_yaml(idioms_path)["idioms"]]
        return cls(
            ignore=ignore,
            categories=data["categories"],
            distress=data.get("distress"),
            fragments=data.get("fragments"),
        )

    def _strip_idioms(self, text: str) -> str:
        for pattern in self._ignore:
            text = pattern.sub(" ", text)
        return text

    def idiom(self, text: str) -> str | None:
        """The first idiom pattern found in the message, else None."""
        surface = normalise(text)
        return next((p.pattern for p in self._ignore if p.search(surface)), None)

    def detect(self, text: str, lemmas: Sequence[str] | None = None) -> CrisisMatch | None:
        """Return the first crisis match in the text (and lemmas, when given), else None."""
        surface = self._strip_idioms(normalise(text))
        lemma_text = self._strip_idioms(normalise(" ".join(lemmas))) if lemmas else ""
        for category in self._categories:
            for pattern in category.surface:
                if pattern.search(surface) or (lemma_text and pattern.search(lemma_text)):
                    return CrisisMatch(category.name, pattern.pattern, "surface")
            if lemma_text:
                for pattern in category.lemma:
                    if pattern.search(lemma_text):
                        return CrisisMatch(category.name, pattern.pattern, "lemma")
        return None

    def distress(self, text: str) -> str | None:
        """The distress cue (no method or intent stated) in the message, else None."""
        surface = self._strip_idioms(normalise(text))
        for pattern in self._distress:
            if pattern.search(surface):
                return pattern.pattern
        for clause in clauses(text):
            stripped = self._strip_idioms(clause).strip()
            for pattern in self._distress_clause:
                if pattern.search(stripped):
                    return pattern.pattern
        return None


def load_yaml(path: Path) -> dict[str, Any]:
    """One of the safety YAML files as a dict."""
    return read_yaml(path)


@lru_cache(maxsize=1)
def default_detector() -> CrisisDetector:
    """The detector built from the packaged lexicon, loaded once per process."""
    return CrisisDetector.from_file()
