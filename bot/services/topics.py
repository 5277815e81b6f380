"""Topic intents and their Finnish button titles (data/content/topics.yml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

TOPICS_PATH = Path(__file__).resolve().parents[2] / "data" / "content" / "topics.yml"


@dataclass(frozen=True)
class TopicCatalogue:
    """Maps topic intents to button titles; anything not in it is not a topic."""

    titles: dict[str, str]

    @classmethod
    def from_file(cls, path: Path = TOPICS_PATH) -> TopicCatalogue:
        """Load the catalogue from YAML."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(titles={str(k): str(v) for k, v in data["topics"].items()})

    def likeliest(self, ranking: Sequence[dict], limit: int = 3) -> list[tuple[str, str]]:
        """Top topic intents of an NLU ranking as (title, payload) button pairs."""
        buttons = []
        for entry in ranking:
            name = entry.get("name")
            if name in self.titles and name != "kriisi":
                buttons.append((self.titles[name], f"/{name}"))
            if len(buttons) == limit:
                break
        return buttons


@lru_cache(maxsize=1)
def default_catalogue() -> TopicCatalogue:
    """The catalogue from the content folder, loaded once per process."""
    return TopicCatalogue.from_file()
