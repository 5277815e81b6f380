"""The audit as data: questions, options, points, floors, acute rules, cut-offs and routing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.paths import PROJECT_ROOT
from bot.yaml_files import read_yaml

AUDIT_FILE = PROJECT_ROOT / "data" / "content" / "audit.yml"
LEVELS = ("matala", "kohonnut", "korkea", "akuutti")


@dataclass(frozen=True)
class Option:
    """One answer option of a question."""

    id: str
    label: str
    points: int
    floor: str | None = None
    acute: str | None = None
    reason: str | None = None
    words: tuple[str, ...] = ()
    reason_professional: str | None = None

    def reason_for(self, professional: bool) -> str | None:
        """The reason as told to the resident, or to a worker about the client."""
        return self.reason_professional if professional else self.reason


@dataclass(frozen=True)
class Question:
    """One question, its wording in both modes and its options."""

    id: str
    domain: str
    text: str
    text_professional: str
    options: tuple[Option, ...]
    multi: bool = False

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError when unknown)."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"{self.id}: no option {option_id!r}")

    def wording(self, professional: bool) -> str:
        """The question as asked of a resident, or of a worker about the client."""
        return self.text_professional if professional else self.text


@dataclass(frozen=True)
class LevelRouting:
    """What a level means in plain words and where it routes."""

    title: str
    summary: str
    next_steps: tuple[str, ...]
    services: tuple[str, ...]
    offer_contact: bool
    summary_professional: str = ""

    def summary_for(self, professional: bool) -> str:
        """The level in plain words for the resident, or for a worker about the client."""
        return self.summary_professional if professional else self.summary


@dataclass(frozen=True)
class AuditDefinition:
    """Everything the scoring needs; loaded from audit.yml (later from the database)."""

    questions: tuple[Question, ...]
    cutoffs: dict[str, int]
    multi_select_cap: int
    levels: dict[str, LevelRouting]
    acute_help: dict[str, str]
    retention_days: int
    crisis_reason: str = ""
    crisis_reason_professional: str = ""
    version: int | None = None  # the stored version (None: audit.yml itself)

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Question ids in asking order (also the form's slot names)."""
        return tuple(q.id for q in self.questions)


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _option(raw: dict[str, Any], reason_professional: str | None) -> Option:
    return Option(
        id=str(raw["id"]),
        label=str(raw["label"]),
        points=int(raw["points"]),
        floor=raw.get("floor"),
        acute=raw.get("acute"),
        reason=raw.get("reason"),
        words=tuple(str(w) for w in raw.get("words") or ()),
        reason_professional=_text(reason_professional) if reason_professional else None,
    )


def _check_professional_reasons(questions: tuple[Question, ...]) -> None:
    """Professional mode must never fall back to "you" wording: every reason needs both."""
    for question in questions:
        for option in question.options:
            if option.reason and not option.reason_professional:
                raise ValueError(f"{question.id}/{option.id}: no professional reason")


def parse_definition(raw: dict[str, Any]) -> AuditDefinition:
    """Build and check the definition (levels, floors and acute help must exist)."""
    professional = raw.get("professional") or {}
    pro_reasons = professional.get("reasons") or {}
    questions = tuple(
        Question(
            id=str(q["id"]),
            domain=str(q["domain"]),
            text=_text(q["text"]),
            text_professional=_text(q.get("text_professional") or q["text"]),
            options=tuple(
                _option(o, (pro_reasons.get(q["id"]) or {}).get(o["id"])) for o in q["options"]
            ),
            multi=bool(q.get("multi", False)),
        )
        for q in raw["questions"]
    )
    acute_help = {k: _text(v) for k, v in raw["acute_help"].items()}
    for question in questions:
        for option in question.options:
            if option.floor and option.floor not in LEVELS:
                raise ValueError(f"{question.id}/{option.id}: unknown floor {option.floor}")
            if option.acute and option.acute not in acute_help:
                raise ValueError(f"{question.id}/{option.id}: no acute_help {option.acute}")
    levels = {
        name: LevelRouting(
            title=str(v["title"]),
            summary=_text(v["summary"]),
            next_steps=tuple(v["next_steps"]),
            services=tuple(v["services"]),
            offer_contact=bool(v["offer_contact"]),
            summary_professional=_text((professional.get("levels") or {}).get(name, "")),
        )
        for name, v in raw["levels"].items()
    }
    if set(levels) != set(LEVELS):
        raise ValueError(f"levels must be exactly {LEVELS}")
    if any(not routing.summary_professional for routing in levels.values()):
        raise ValueError("every level needs a professional summary")
    _check_professional_reasons(questions)
    return AuditDefinition(
        questions=questions,
        cutoffs={k: int(v) for k, v in raw["cutoffs"].items()},
        multi_select_cap=int(raw["multi_select_cap"]),
        levels=levels,
        acute_help=acute_help,
        retention_days=int(raw.get("retention_days", 30)),
        crisis_reason=_text(raw.get("crisis_reason", "")),
        crisis_reason_professional=_text(professional.get("crisis_reason", "")),
        version=int(raw["version"]) if raw.get("version") is not None else None,
    )


def load_definition(path: Path = AUDIT_FILE) -> AuditDefinition:
    """Parse audit.yml."""
    return parse_definition(read_yaml(path))


@lru_cache(maxsize=1)
def default_definition() -> AuditDefinition:
    """audit.yml, loaded once per process."""
    return load_definition()
