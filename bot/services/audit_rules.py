"""Checks a candidate audit definition before it is saved; problems are told in Finnish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.audit import properties
from bot.audit.definition import AuditDefinition, parse_definition
from bot.store.content_files import PHONE_IN_TEXT, load_services

MIN_STEPS, MAX_STEPS = 2, 4  # next-step buttons per level
MAX_RETENTION_DAYS = 365


@dataclass(frozen=True)
class Problem:
    """One reason a candidate cannot be saved: a key of `admin_audit.problems` and its values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleContext:
    """What routing and texts may refer to: topic ids, service categories, sourced phones."""

    topics: frozenset[str]
    service_categories: frozenset[str]
    sourced_phones: frozenset[str]


def digits(phone: str) -> str:
    """A phone number as digits only (how the content check compares them)."""
    return re.sub(r"\D", "", phone)


@lru_cache(maxsize=1)
def default_context() -> RuleContext:
    """Topics of topics.yml; categories and sourced phones of the reviewed services.yml."""
    from bot.services.topics import default_catalogue

    services = load_services()
    return RuleContext(
        topics=frozenset(default_catalogue().titles),
        service_categories=frozenset(c for s in services for c in s.categories),
        sourced_phones=frozenset(digits(s.phone) for s in services if s.phone),
    )


def _structure(candidate: dict[str, Any], base: dict[str, Any]) -> list[Problem]:
    """Question ids are the form's slots (fixed); options answered before must stay."""
    if not isinstance(candidate.get("questions"), list):
        return [Problem("load", {"detail": "questions"})]
    try:
        ids = [str(q["id"]) for q in candidate["questions"]]
        options = {str(q["id"]): {str(o["id"]) for o in q["options"]}
                   for q in candidate["questions"]}
    except (KeyError, TypeError) as exc:
        return [Problem("load", {"detail": str(exc)})]
    if ids != [str(q["id"]) for q in base["questions"]]:
        return [Problem("questions_changed")]
    return [Problem("option_removed", {"question": q["id"], "option": o["id"]})
            for q in base["questions"] for o in q["options"]
            if str(o["id"]) not in options[str(q["id"])]]


def _explained(definition: AuditDefinition) -> Iterator[Problem]:
    """Every option that raises the result says why ("miksi?"), in both modes."""
    for question in definition.questions:
        for option in question.options:
            params = {"question": question.id, "option": option.id}
            if (option.points > 0 or option.floor or option.acute) and not option.reason:
                yield Problem("reason_missing", params)
            if not option.label.strip():
                yield Problem("label_missing", params)
        if not question.text.strip() or not question.text_professional.strip():
            yield Problem("text_missing", {"question": question.id})


def _routing(definition: AuditDefinition, context: RuleContext) -> Iterator[Problem]:
    for name, routing in definition.levels.items():
        if not MIN_STEPS <= len(routing.next_steps) <= MAX_STEPS:
            yield Problem("steps_count", {"level": name, "min": MIN_STEPS, "max": MAX_STEPS})
        for step in routing.next_steps:
            if step not in context.topics:
                yield Problem("unknown_topic", {"level": name, "value": step})
        for category in routing.services:
            if category not in context.service_categories:
                yield Problem("unknown_service", {"level": name, "value": category})
        if not routing.title.strip() or not routing.summary.strip():
            yield Problem("level_text_missing", {"level": name})
    if not 1 <= definition.retention_days <= MAX_RETENTION_DAYS:
        yield Problem("retention", {"max": MAX_RETENTION_DAYS})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _phones(candidate: dict[str, Any], context: RuleContext) -> Iterator[Problem]:
    """Every phone number in the texts is a sourced phone of the service directory."""
    seen: set[str] = set()
    for text in _strings(candidate):
        for match in PHONE_IN_TEXT.finditer(text):
            if digits(match.group(0)) not in context.sourced_phones | seen:
                seen.add(digits(match.group(0)))
                yield Problem("phone_unsourced", {"phone": match.group(0)})


def _violation(violation: properties.Violation) -> Problem:
    return Problem(violation.rule, {
        "question": violation.question_id, "option": violation.option,
        "other": violation.other, "before": violation.levels[0], "after": violation.levels[1],
        "points": violation.others_total, "answers": violation.answers,
    })


def check(candidate: dict[str, Any], base: dict[str, Any],
          context: RuleContext) -> tuple[AuditDefinition | None, list[Problem]]:
    """The parsed definition and every problem; a candidate with problems cannot be saved."""
    problems = _structure(candidate, base)
    if problems:
        return None, problems
    try:
        definition = parse_definition(candidate)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, [Problem("load", {"detail": str(exc)})]
    problems = [*_explained(definition), *_routing(definition, context),
                *_phones(candidate, context)]
    problems += [_violation(v) for v in properties.check(definition)]
    return definition, problems
