"""Deterministic crisis detection: suicide, self-harm, violence and acute danger.

The classifier can be wrong; this detector cannot be argued with. Rasa runs it as an
NLU component (surface text and spaCy lemmas) and the web app runs it on the surface text
when Rasa is down, so both share one lexicon file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).with_name("crisis_lexicon.yml")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "o"})
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower-case, fold ä/ö/å and collapse punctuation so patterns survive typing habits."""
    folded = text.lower().translate(_FOLD).replace("_", " ")
    return _NON_WORD.sub(" ", folded).strip()


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


class CrisisDetector:
    """Matches normalised text and lemmas against the crisis lexicon."""

    def __init__(self, ignore: Sequence[str], categories: dict[str, dict[str, list[str]]]):
        self._ignore = tuple(re.compile(p) for p in ignore)
        self._categories = tuple(
            _Category(
                name=name,
                surface=tuple(re.compile(p) for p in spec.get("surface", [])),
                lemma=tuple(re.compile(p) for p in spec.get("lemma", [])),
            )
            for name, spec in categories.items()
        )

    @classmethod
    def from_file(cls, path: Path = LEXICON_PATH) -> CrisisDetector:
        """Build a detector from a lexicon YAML file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(ignore=data.get("ignore", []), categories=data["categories"])

    def _strip_idioms(self, text: str) -> str:
        for pattern in self._ignore:
            text = pattern.sub(" ", text)
        return text

    def detect(self, text: str, lemmas: Sequence[str] | None = None) -> CrisisMatch | None:
        """Return the first crisis match in the text (and lemmas, when given), else None."""
        surface = self._strip_idioms(normalise(text or ""))
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


@lru_cache(maxsize=1)
def default_detector() -> CrisisDetector:
    """The detector built from the packaged lexicon, loaded once per process."""
    return CrisisDetector.from_file()
