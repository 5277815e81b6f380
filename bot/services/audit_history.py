"""Versions of the audit definition and what changed between two of them, in plain words."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.services.audit_forms import as_yaml
from bot.services.audit_settings import file_definition, labels
from bot.services.audit_summary import HELSINKI, finnish_date
from bot.store import audit_definitions
from bot.store.audit_definitions import DefinitionVersion
from bot.store.db import Database
from bot.store.models import as_utc

QUESTION_FIELDS = ("text", "text_professional", "domain", "multi")
OPTION_FIELDS = ("label", "points", "floor", "acute", "reason", "words")
LEVEL_FIELDS = ("title", "summary", "next_steps", "services", "offer_contact")
KNOWN = {"questions", "cutoffs", "levels", "acute_help", "professional", "multi_select_cap",
         "retention_days", "crisis_reason"}


@dataclass(frozen=True)
class Change:
    """One changed value: where (kind and ids), which field, before and after as text."""

    kind: str  # question, option, cutoff, level, acute_help, setting
    ids: tuple[str, ...]
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class VersionView:
    """A version, the one before it, the changes and the technical YAML diff."""

    version: DefinitionVersion
    previous: int | None
    changes: list[Change]
    technical: str
    is_current: bool


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()  # the page shows admin_audit.bools[...]
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def flatten(raw: dict[str, Any]) -> dict[tuple[str, tuple[str, ...], str], str]:
    """Every editable value of a definition under (kind, ids, field)."""
    flat: dict[tuple[str, tuple[str, ...], str], str] = {}
    professional = raw.get("professional") or {}
    pro_reasons = professional.get("reasons") or {}
    for question in raw.get("questions") or []:
        qid = str(question["id"])
        for name in QUESTION_FIELDS:
            flat[("question", (qid,), name)] = _shown(question.get(name))
        for option in question.get("options") or []:
            ids = (qid, str(option["id"]))
            for name in OPTION_FIELDS:
                flat[("option", ids, name)] = _shown(option.get(name))
            flat[("option", ids, "reason_professional")] = _shown(
                (pro_reasons.get(qid) or {}).get(option["id"]))
    for name, value in (raw.get("cutoffs") or {}).items():
        flat[("cutoff", (str(name),), "value")] = _shown(value)
    for name, routing in (raw.get("levels") or {}).items():
        for key in LEVEL_FIELDS:
            flat[("level", (name,), key)] = _shown(routing.get(key))
        flat[("level", (name,), "summary_professional")] = _shown(
            (professional.get("levels") or {}).get(name))
    for key, text in (raw.get("acute_help") or {}).items():
        flat[("acute_help", (str(key),), "text")] = _shown(text)
    for key in ("multi_select_cap", "retention_days", "crisis_reason"):
        flat[("setting", (key,), "value")] = _shown(raw.get(key))
    flat[("setting", ("crisis_reason_professional",), "value")] = _shown(
        professional.get("crisis_reason"))
    for key in sorted(set(raw) - KNOWN):
        flat[("setting", (str(key),), "value")] = _shown(raw[key])
    return flat


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What differs, in the order of the newer definition (removed values last)."""
    old, new = flatten(before), flatten(after)
    keys = list(new) + [k for k in old if k not in new]
    return [Change(kind, ids, name, old.get((kind, ids, name), ""), new.get((kind, ids, name), ""))
            for kind, ids, name in keys
            if old.get((kind, ids, name), "") != new.get((kind, ids, name), "")]


def technical_diff(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A unified diff of the two definitions as YAML."""
    lines = difflib.unified_diff(as_yaml(before).splitlines(), as_yaml(after).splitlines(),
                                 "ennen", "jälkeen", lineterm="", n=2)
    return "\n".join(lines)


def saved_at(moment: datetime) -> str:
    """26.11.2026 14.05 in Helsinki time."""
    local = as_utc(moment).astimezone(HELSINKI)
    return f"{finnish_date(local)} {local.hour:02d}.{local.minute:02d}"


def history(db: Database) -> list[DefinitionVersion]:
    """Every version, newest first."""
    return audit_definitions.list(db=db)


def version_view(db: Database, number: int) -> VersionView | None:
    """A version compared with the one before it (the first with audit.yml)."""
    version = audit_definitions.get_version(db=db, version=number)
    if version is None:
        return None
    previous = audit_definitions.previous_id(db=db, version=number)
    earlier = audit_definitions.get_version(db=db, version=previous) if previous else None
    before = earlier.data if earlier else file_definition()
    newest = audit_definitions.list(db=db, limit=1)
    return VersionView(version, previous, changes(before, version.data),
                       technical_diff(before, version.data),
                       bool(newest) and newest[0].id == number)


def change_place(change: Change, raw: dict[str, Any], texts: dict) -> str:
    """Where a change is, in words: question number and text, option label, level title."""
    names = labels(raw)
    places = texts["places"]
    if change.kind in ("question", "option"):
        number, text = names["questions"].get(change.ids[0], (0, change.ids[0]))
        if change.kind == "question":
            return places["question"].format(number=number, text=text)
        option = names["options"].get(change.ids, change.ids[1])
        return places["option"].format(number=number, option=option)
    if change.kind == "level":
        return places["level"].format(level=names["levels"].get(change.ids[0], change.ids[0]))
    return places[change.kind].format(name=texts["settings"].get(change.ids[0], change.ids[0]))
