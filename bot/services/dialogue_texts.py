"""Texts of the custom actions from data/content/dialogue.yml (no Finnish in Python)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.paths import CONTENT_DIR
from bot.yaml_files import read_yaml


def _flat(value: Any) -> str:
    return " ".join(str(value).split())


@dataclass(frozen=True)
class DialogueTexts:
    """Sections of dialogue.yml with whitespace-normalised strings."""

    municipality: dict[str, Any]
    services: dict[str, str]
    contact: dict[str, Any]
    office_hours: dict[str, Any]
    questions: dict[str, dict[str, Any]]
    audit: dict[str, Any]

    @classmethod
    def from_file(cls, path: Path) -> DialogueTexts:
        """Parse dialogue.yml."""
        data = read_yaml(path)

        def section(name: str) -> dict[str, Any]:
            return {k: v if isinstance(v, dict | list) else _flat(v) for k, v in data[name].items()}

        return cls(
            municipality=section("municipality"),
            services=section("services"),
            contact=section("contact"),
            office_hours=data["office_hours"],
            questions={k: {**v, "text": _flat(v["text"])} for k, v in data["questions"].items()},
            audit=section("audit"),
        )

    def genitive(self, municipality: str) -> str:
        """"Hyvinkään" for "Hyvinkää"; the name itself when no form is listed."""
        return str(self.municipality["genitive"].get(municipality, municipality))


def audit_texts_for(audit: dict[str, Any], professional: bool) -> dict[str, Any]:
    """The audit texts with the professional wordings laid over them in professional mode."""
    if not professional:
        return audit
    overrides = {k: _flat(v) for k, v in (audit.get("professional") or {}).items()}
    return {**audit, **overrides}


@lru_cache(maxsize=1)
def default_dialogue_texts() -> DialogueTexts:
    """dialogue.yml from the content folder, loaded once per process."""
    return DialogueTexts.from_file(CONTENT_DIR / "dialogue.yml")
