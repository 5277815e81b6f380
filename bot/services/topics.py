"""Topic intents, their Finnish button titles and the fallback texts (data/content/)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.paths import CONTENT_DIR
from bot.yaml_files import read_yaml


@dataclass(frozen=True)
class FallbackTexts:
    """What the bot says when it is unsure (data/content/fallback.yml)."""

    suggest_topics: str
    rephrase: str
    rephrase_topics: tuple[str, ...]
    offer_contact: str
    offer_contact_topics: tuple[str, ...]


@dataclass(frozen=True)
class TopicCatalogue:
    """Maps topic intents to button titles; anything not in it is not a topic."""

    titles: dict[str, str]
    fallback: FallbackTexts

    @classmethod
    def from_dir(cls, content_dir: Path = CONTENT_DIR) -> TopicCatalogue:
        """Load topics.yml and fallback.yml from the content folder."""
        topics = read_yaml(content_dir / "topics.yml")
        fallback = read_yaml(content_dir / "fallback.yml")
        return cls(
            titles={str(k): str(v) for k, v in topics["topics"].items()},
            fallback=FallbackTexts(
                suggest_topics=str(fallback["suggest_topics"]).strip(),
                rephrase=str(fallback["rephrase"]).strip(),
                rephrase_topics=tuple(fallback["rephrase_topics"]),
                offer_contact=" ".join(str(fallback["offer_contact"]).split()),
                offer_contact_topics=tuple(fallback["offer_contact_topics"]),
            ),
        )

    def button(self, intent: str) -> tuple[str, str]:
        """(title, payload) of one topic."""
        return self.titles[intent], f"/{intent}"

    def likeliest(self, ranking: Sequence[dict], limit: int = 3) -> list[tuple[str, str]]:
        """Top topic intents of an NLU ranking as (title, payload) button pairs."""
        buttons = []
        for entry in ranking:
            name = entry.get("name")
            if name in self.titles and name != "kriisi":
                buttons.append(self.button(name))
            if len(buttons) == limit:
                break
        return buttons


@lru_cache(maxsize=1)
def default_catalogue() -> TopicCatalogue:
    """The catalogue from the content folder, loaded once per process."""
    return TopicCatalogue.from_dir()
