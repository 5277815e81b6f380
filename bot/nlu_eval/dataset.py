"""Reads Rasa NLU YAML test files into plain (text, intent, entities) examples."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# [surface]{"entity": "kunta", "value": "Tuusula"}  or  [surface](kunta)
_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\{(?P<json>[^}]*)\}|\((?P<name>[^)]*)\))")


@dataclass(frozen=True)
class Example:
    """One labelled message; entities are (entity, value) pairs."""

    text: str
    intent: str
    entities: tuple[tuple[str, str], ...] = field(default=())


def parse_annotated(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Strip Rasa entity markup and return the plain text and its entities."""
    entities: list[tuple[str, str]] = []

    def _replace(match: re.Match[str]) -> str:
        surface = match.group("text")
        if match.group("json") is not None:
            spec = json.loads("{" + match.group("json") + "}")
            entities.append((spec["entity"], str(spec.get("value", surface))))
        else:
            entities.append((match.group("name"), surface))
        return surface

    return _ANNOTATION.sub(_replace, line), tuple(entities)


def load_examples(path: Path) -> list[Example]:
    """All intent examples of an NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for raw in str(block.get("examples", "")).splitlines():
            raw = raw.strip()
            if not raw.startswith("- "):
                continue
            text, entities = parse_annotated(raw[2:].strip())
            examples.append(Example(text=text, intent=block["intent"], entities=entities))
    return examples
