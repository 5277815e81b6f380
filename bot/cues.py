"""Cue words of the free-text parsers, from data/content/cues.yml (no Finnish in Python)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.paths import CONTENT_DIR
from bot.text import fold
from bot.yaml_files import read_yaml

CUES_FILE = CONTENT_DIR / "cues.yml"


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The whole cues.yml, loaded once per process."""
    return read_yaml(CUES_FILE)


def folded_words(section: str, name: str) -> tuple[str, ...]:
    """One list of a section, folded like the text it is matched against."""
    return tuple(fold(str(word)) for word in cues()[section][name])
