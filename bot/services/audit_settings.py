"""Use case: admins edit the audit definition; every save is a checked, logged new version."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.audit.definition import AUDIT_FILE
from bot.services.audit_rules import Problem, RuleContext, check
from bot.store import audit_definitions, staff_log
from bot.store.audit_definitions import DefinitionVersion
from bot.store.db import Database
from bot.yaml_files import read_yaml

SAVED, UNCHANGED, CONFLICT, INVALID, NOT_FOUND = (
    "saved", "unchanged", "conflict", "invalid", "not_found")


@dataclass(frozen=True)
class Current:
    """The definition in use: its stored version (None: audit.yml, nothing saved yet)."""

    raw: dict[str, Any]
    version: DefinitionVersion | None

    @property
    def number(self) -> int | None:
        """The version number the forms carry as their base."""
        return self.version.id if self.version else None


@dataclass(frozen=True)
class SaveOutcome:
    """SAVED (with `version`), UNCHANGED, CONFLICT, NOT_FOUND or INVALID (with `problems`)."""

    status: str
    version: int | None = None
    problems: list[Problem] = field(default_factory=list)


def file_definition() -> dict[str, Any]:
    """audit.yml as data (the reviewed seed)."""
    return read_yaml(AUDIT_FILE)


def current(db: Database) -> Current:
    """The newest stored version, else the file."""
    with db.session() as session:
        newest = audit_definitions.newest(session=session)
    if newest is None:
        return Current(file_definition(), None)
    return Current(copy.deepcopy(newest.data), newest)


def save(
    db: Database, *, candidate: dict[str, Any], base: int | None, author: str, part: str,
    context: RuleContext, restored_from: int | None = None, note: str = "",
) -> SaveOutcome:
    """Check the candidate and store it as a new version when nothing else was saved meanwhile.

    `part` names what changed for the staff log (a question id, "limits", a level); never texts.
    """
    live = current(db)
    if live.number != base:
        return SaveOutcome(CONFLICT, live.number)
    _, problems = check(candidate, live.raw, context)
    if problems:
        return SaveOutcome(INVALID, problems=problems)
    if audit_definitions.without_version(candidate) == live.raw:
        return SaveOutcome(UNCHANGED, live.number)
    with db.session() as session:
        newest = audit_definitions.newest(session=session)
        if (newest.id if newest else None) != base:
            return SaveOutcome(CONFLICT, newest.id if newest else None)
        if newest is None:  # keep the file version as version 1: diff and rollback to it
            audit_definitions.add(session=session, data=live.raw,
                                  author=audit_definitions.FILE_AUTHOR)
        version = audit_definitions.add(session=session, data=candidate, author=author,
                                        note=note, restored_from=restored_from)
        action = "audit_rollback" if restored_from else "audit_saved"
        staff_log.create(session=session, actor=author, action=action,
                         target=f"audit_definitions:{version}", detail=part)
    return SaveOutcome(SAVED, version)


def rollback(db: Database, *, version: int, base: int | None, author: str,
             context: RuleContext) -> SaveOutcome:
    """Save an earlier version again as the newest (itself a new version), checked as usual."""
    earlier = audit_definitions.get_version(db=db, version=version)
    if earlier is None:
        return SaveOutcome(NOT_FOUND)
    return save(db, candidate=earlier.data, base=base, author=author,
                part=f"restore:{version}", context=context, restored_from=version)


def labels(raw: dict[str, Any]) -> dict[str, Any]:
    """Question numbers and texts, option labels and level titles of a definition, by id."""
    questions, options = {}, {}
    for number, question in enumerate(raw.get("questions") or [], start=1):
        qid = str(question.get("id"))
        questions[qid] = (number, " ".join(str(question.get("text", "")).split()))
        for option in question.get("options") or []:
            options[(qid, str(option.get("id")))] = str(option.get("label", option.get("id")))
    levels = {name: str(v.get("title", name)) for name, v in (raw.get("levels") or {}).items()}
    return {"questions": questions, "options": options, "levels": levels}


def _answer(names: dict[str, Any], qid: str, value: Any, texts: dict) -> str:
    if value is None:
        return texts["skipped"]
    values = value if isinstance(value, list) else [value]
    return ", ".join(f"”{names['options'].get((qid, str(v)), v)}”" for v in values)


def problem_messages(problems: list[Problem], raw: dict[str, Any], texts: dict) -> list[str]:
    """Each problem in plain Finnish: the property or rule, the question, an example."""
    names = labels(raw)
    lines = []
    for problem in problems:
        params = dict(problem.params)
        qid = str(params.get("question", ""))
        number, text = names["questions"].get(qid, (0, qid))
        params.update(number=number, text=text)
        for key in ("option", "other"):
            if key in problem.params:
                params[key] = _answer(names, qid, problem.params[key], texts)
        if "field" in problem.params:
            field_id = problem.params["field"]
            params["field"] = texts["settings"].get(field_id, field_id)
        for key in ("before", "after", "level"):
            if key in problem.params:
                params[key] = names["levels"].get(problem.params[key], problem.params[key])
        lines.append(texts["problems"][problem.code].format(**params))
    return lines
