"""Admin form fields applied to a copy of the audit definition (nothing is saved here)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import yaml

from bot.audit.definition import LEVELS
from bot.services.audit_rules import Problem
from bot.yaml_files import parse_yaml

FLOORS = ("kohonnut", "korkea")  # a floor "akuutti" is what the acute help is for
MAX_POINTS = 99
MAX_TEXT = 600
MAX_ADVANCED = 200_000


def _text(form: Mapping[str, Any], name: str) -> str:
    return " ".join(str(form.get(name, "")).split())[:MAX_TEXT]


def _number(form: Mapping[str, Any], name: str, problems: list[Problem], code: str,
            params: dict[str, Any], low: int = -MAX_POINTS, high: int = 10_000) -> int | None:
    raw = str(form.get(name, "")).strip().replace("−", "-")
    try:
        value = int(raw)
    except ValueError:
        problems.append(Problem(code, {**params, "value": raw}))
        return None
    if not low <= value <= high:
        problems.append(Problem(code, {**params, "value": raw}))
        return None
    return value


def _set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value
    else:
        target.pop(key, None)


def field_name(option_id: str, name: str) -> str:
    """The form field of one option's value (`o-<option>-<name>`)."""
    return f"o-{option_id}-{name}"


def apply_question(raw: dict[str, Any], question_id: str, form: Mapping[str, Any]
                   ) -> tuple[dict[str, Any], list[Problem]]:
    """Wordings and every option's label, points, floor, acute help, reasons and cue words."""
    candidate, problems = copy.deepcopy(raw), list[Problem]()
    question = next(q for q in candidate["questions"] if q["id"] == question_id)
    question["text"] = _text(form, "text")
    question["text_professional"] = _text(form, "text_professional")
    reasons = (candidate.setdefault("professional", {}).setdefault("reasons", {})
               .setdefault(question_id, {}))
    acute_keys = set(candidate.get("acute_help") or {})
    for option in question["options"]:
        oid = str(option["id"])
        params = {"question": question_id, "option": oid}
        option["label"] = _text(form, field_name(oid, "label"))
        points = _number(form, field_name(oid, "points"), problems, "points_invalid", params,
                         high=MAX_POINTS)
        if points is not None:
            option["points"] = points
        floor = str(form.get(field_name(oid, "floor"), ""))
        acute = str(form.get(field_name(oid, "acute"), ""))
        if floor and floor not in FLOORS:
            problems.append(Problem("floor_invalid", params))
        if acute and acute not in acute_keys:
            problems.append(Problem("acute_invalid", params))
        _set_or_drop(option, "floor", floor if floor in FLOORS else "")
        _set_or_drop(option, "acute", acute if acute in acute_keys else "")
        _set_or_drop(option, "reason", _text(form, field_name(oid, "reason")))
        _set_or_drop(reasons, oid, _text(form, field_name(oid, "reason_professional")))
        words = [w.strip() for w in str(form.get(field_name(oid, "words"), "")).split(",")]
        _set_or_drop(option, "words", [w for w in words if w])
        if option.get("reason") and oid not in reasons:
            problems.append(Problem("reason_professional_missing", params))
    if not reasons:
        candidate["professional"]["reasons"].pop(question_id)
    return candidate, problems


def apply_limits(raw: dict[str, Any], form: Mapping[str, Any]
                 ) -> tuple[dict[str, Any], list[Problem]]:
    """Cut-offs, the multi-select cap and the retention of summaries."""
    candidate, problems = copy.deepcopy(raw), list[Problem]()
    for name in ("kohonnut", "korkea"):
        value = _number(form, f"cutoff_{name}", problems, "number_invalid", {"field": name},
                        low=-10_000)
        if value is not None:
            candidate["cutoffs"][name] = value
    for key in ("multi_select_cap", "retention_days"):
        value = _number(form, key, problems, "number_invalid", {"field": key}, low=-10_000)
        if value is not None:
            candidate[key] = value
    return candidate, problems


def apply_level(raw: dict[str, Any], level: str, form: Mapping[str, Any]
                ) -> tuple[dict[str, Any], list[Problem]]:
    """A level's title, summaries, next-step topics, service categories and contact offer."""
    candidate = copy.deepcopy(raw)
    routing = candidate["levels"][level]
    routing["title"] = _text(form, "title")
    routing["summary"] = _text(form, "summary")
    professional = candidate.setdefault("professional", {}).setdefault("levels", {})
    professional[level] = _text(form, "summary_professional")
    routing["next_steps"] = [str(s) for s in form.get("next_steps") or []]
    routing["services"] = [str(s) for s in form.get("services") or []]
    routing["offer_contact"] = form.get("offer_contact") == "1"
    return candidate, []


def apply_advanced(text: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The whole definition as YAML (or JSON, which is YAML too)."""
    if len(text) > MAX_ADVANCED:
        return None, [Problem("load", {"detail": f"> {MAX_ADVANCED}"})]
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem("yaml_invalid", {"line": mark.line + 1 if mark else "?"})]
    if not isinstance(data, dict):
        return None, [Problem("yaml_invalid", {"line": 1})]
    return json.loads(json.dumps(data, default=str)), []  # dates as text: the column is JSON


def as_yaml(raw: dict[str, Any]) -> str:
    """The definition as YAML for the advanced field and the technical diff."""
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)


def is_level(name: str) -> bool:
    """A level of the audit (the routes 404 on anything else)."""
    return name in LEVELS
