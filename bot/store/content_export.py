"""Writes the live answers and services back into answers.yml and services.yml.

The files are edited in place (ruamel.yaml round trip): comments, anchors, quoting and line
folding of untouched entries stay as they are, so `git diff` shows only what was edited and a
`content load` of the result changes nothing.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, SingleQuotedScalarString

from bot.paths import CONTENT_DIR
from bot.store.content_data import answer_data, answer_from_data, service_data, service_from_data
from bot.store.content_files import AnswerEntry
from bot.store.records import ServiceRecord

WIDTH = 100  # folded answer texts are wrapped to this many columns, as in the files
ANSWER_KEYS = ("text", "variants", "sources", "checked", "next_steps", "services",
               "needs_municipality", "offers_contact")
SERVICE_KEYS = ("key", "name", "deployment", "municipalities", "categories", "helps_with", "url",
                "phone", "hours", "source", "checked", "verified")


@dataclass(frozen=True)
class ExportCounts:
    """Entries rewritten and appended per file."""

    answers_changed: tuple[str, ...]
    services_changed: tuple[str, ...]


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap untouched plain scalars
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _folded(text: str, indent: int) -> FoldedScalarString:
    """A `>-` block wrapped at WIDTH columns (ruamel folds at the given positions)."""
    lines = textwrap.wrap(text, WIDTH - indent, break_long_words=False, break_on_hyphens=False)
    folded = FoldedScalarString(text)
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions
    return folded


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _answer_value(key: str, value: Any) -> Any:
    if key == "text":
        return _folded(value, 6)
    if key == "variants":
        return CommentedMap((m, _folded(t, 8)) for m, t in value.items())
    if key == "checked":
        return SingleQuotedScalarString(value)
    if isinstance(value, list):
        return CommentedSeq(value)
    return value


def _service_value(key: str, value: Any) -> Any:
    if key == "checked":
        return SingleQuotedScalarString(value)
    if isinstance(value, list):
        return _flow(value)
    return value


def _update_variants(node: CommentedMap, current: dict[str, str], want: dict[str, str]) -> None:
    """Rewrite only the municipal texts that changed."""
    for municipality in [m for m in node if m not in want]:
        del node[municipality]
    for municipality, text in want.items():
        if current.get(municipality) != text:
            node[municipality] = _folded(text, 8)


def _update(node: CommentedMap, current: dict[str, Any], want: dict[str, Any],
            keys: tuple[str, ...], style: Callable[[str, Any], Any]) -> None:
    """Change only the keys whose meaning differs; new keys go after their predecessor."""
    for index, key in enumerate(keys):
        if current.get(key) == want.get(key):
            continue
        if key not in want:
            node.pop(key, None)
        elif key == "variants" and isinstance(node.get(key), CommentedMap):
            _update_variants(node[key], current.get(key) or {}, want[key])
        elif key in node:
            node[key] = style(key, want[key])
        else:
            before = [k for k in keys[:index] if k in node]
            position = list(node).index(before[-1]) + 1 if before else 0
            node.insert(position, key, style(key, want[key]))


def _dump(yaml: YAML, data: Any, path: Path) -> None:
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


def export_answers(entries: list[AnswerEntry], path: Path) -> tuple[str, ...]:
    """Write live answers into answers.yml; the intents whose entry changed or was added."""
    yaml = _yaml(2, 2, 0)
    document = yaml.load(path.read_text(encoding="utf-8"))
    items = document["answers"]
    changed = []
    for entry in entries:
        want = answer_data(entry)
        if entry.intent not in items:
            items[entry.intent] = CommentedMap((k, _answer_value(k, v)) for k, v in want.items())
            changed.append(entry.intent)
            continue
        current = answer_data(answer_from_data(entry.intent, items[entry.intent]))
        if current != want:
            _update(items[entry.intent], current, want, ANSWER_KEYS, _answer_value)
            changed.append(entry.intent)
    if changed:
        _dump(yaml, document, path)
    return tuple(changed)


def export_services(records: list[ServiceRecord], path: Path) -> tuple[str, ...]:
    """Write live services into services.yml; the keys whose entry changed or was added."""
    yaml = _yaml(2, 4, 2)
    document = yaml.load(path.read_text(encoding="utf-8"))
    items = document["services"]
    by_key = {str(item.get("key")): item for item in items}
    changed = []
    for record in records:
        want = service_data(record)
        node = by_key.get(record.key)
        if node is None:
            items.append(CommentedMap((k, _service_value(k, v)) for k, v in want.items()))
            changed.append(record.key)
            continue
        current = service_data(service_from_data(node))
        if current != want:
            _update(node, current, want, SERVICE_KEYS, _service_value)
            changed.append(record.key)
    if changed:
        _dump(yaml, document, path)
    return tuple(changed)


def export_content(answers: list[AnswerEntry], services: list[ServiceRecord],
                   content_dir: Path | None = None) -> ExportCounts:
    """Write both files under `content_dir` (data/content/); untouched when nothing differs."""
    content_dir = content_dir or CONTENT_DIR
    return ExportCounts(
        answers_changed=export_answers(answers, content_dir / "answers.yml"),
        services_changed=export_services(services, content_dir / "services.yml"),
    )
