"""A readable difference between two versions of an answer or a service (difflib, by field)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from bot.store.content_data import ANSWER

SAME, REMOVED, ADDED = "same", "del", "ins"
WORD_FIELDS = {"text", "variant", "helps_with", "name", "hours"}
ANSWER_FIELDS = ("text", "variant", "sources", "checked", "next_steps", "services",
                 "needs_municipality", "offers_contact")
SERVICE_FIELDS = ("name", "helps_with", "municipalities", "categories", "url", "phone", "hours",
                  "source", "checked", "verified")


@dataclass(frozen=True)
class Segment:
    """A run of words or list items that stayed, was removed or was added."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """The changes of one field; `municipality` names the variant of a municipal text."""

    field: str
    segments: tuple[Segment, ...]
    municipality: str = ""
    words: bool = True  # words are shown inline, list items one per line


def _tokens(field: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["kyllä" if value else "ei"]
    return str(value).split() if field in WORD_FIELDS else [str(value)]


def _fields(kind: str, data: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    names = ANSWER_FIELDS if kind == ANSWER else SERVICE_FIELDS
    out: dict[tuple[str, str], list[str]] = {}
    for name in names:
        if name == "variant":
            for municipality, text in sorted((data.get("variants") or {}).items()):
                out[("variant", municipality)] = _tokens("variant", text)
        elif name in ("needs_municipality", "offers_contact", "verified"):
            out[(name, "")] = _tokens(name, bool(data.get(name, False)))
        else:
            out[(name, "")] = _tokens(name, data.get(name))
    return out


def _segments(old: list[str], new: list[str], words: bool) -> tuple[Segment, ...]:
    """Word runs are joined into one segment per operation (one "removed: ..." for a phrase);
    list items stay one segment each."""
    runs: list[tuple[str, list[str]]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append((SAME, old[i1:i2]))
            continue
        runs.append((REMOVED, old[i1:i2]))
        runs.append((ADDED, new[j1:j2]))
    if words:
        return tuple(Segment(op, " ".join(tokens)) for op, tokens in runs if tokens)
    return tuple(Segment(op, token) for op, tokens in runs for token in tokens)


def diff(kind: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two versions (all of `new` when there is no `old`)."""
    before = _fields(kind, old or {})
    after = _fields(kind, new)
    order = list(after) + [k for k in before if k not in after]
    changes = []
    for key in order:
        a, b = before.get(key, []), after.get(key, [])
        if a != b:
            field, municipality = key
            words = field in WORD_FIELDS
            changes.append(FieldChange(field, _segments(a, b, words), municipality, words))
    return changes
