"""Scores audit answers: level, total, per-domain scores, reasons, routing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.audit.definition import LEVELS, AuditDefinition, Option

SKIPPED = "en_halua_vastata"
DONT_KNOW = "en_tieda"
NOT_ANSWERED = (SKIPPED, DONT_KNOW)
MAX_REASONS = 3

Answer = str | list[str] | tuple[str, ...] | None


@dataclass(frozen=True)
class Reason:
    """One answer that drove the result, for "miksi?"."""

    question_id: str
    option_id: str
    text: str
    points: int
    forced: str | None  # "akuutti" or the floor level it set
    text_professional: str = ""

    def wording(self, professional: bool) -> str:
        """The reason as told to the resident, or to a worker about the client."""
        return (self.text_professional or self.text) if professional else self.text


@dataclass(frozen=True)
class AuditResult:
    """The outcome shown to the person and stored anonymously."""

    level: str
    total: int
    domain_scores: dict[str, int]
    reasons: tuple[Reason, ...]
    acute: tuple[str, ...]  # acute_help keys triggered
    next_steps: tuple[str, ...]
    services: tuple[str, ...]
    offer_contact: bool
    unanswered: int

    @property
    def estimate_may_be_low(self) -> bool:
        """Skipped or unknown answers count 0, so the level may be too low."""
        return self.unanswered > 0


def _level_rank(level: str) -> int:
    return LEVELS.index(level)


def _chosen(definition: AuditDefinition, question_id: str, answer: Answer) -> list[Option]:
    if answer is None or answer in NOT_ANSWERED:
        return []
    question = definition.question(question_id)
    ids = [answer] if isinstance(answer, str) else list(answer)
    return [question.option(i) for i in ids if i not in NOT_ANSWERED]


def level_for_total(definition: AuditDefinition, total: int) -> str:
    """The level from points alone."""
    if total >= definition.cutoffs["korkea"]:
        return "korkea"
    if total >= definition.cutoffs["kohonnut"]:
        return "kohonnut"
    return "matala"


CRISIS_STATEMENT = "crisis_statement"


def score(
    definition: AuditDefinition, answers: Mapping[str, Answer], crisis_statement: bool = False
) -> AuditResult:
    """Apply points, multi-select cap, floors and forced-acute answers.

    `crisis_statement`: a suicidal, self-harm or violence message was typed during the audit.
    """
    total, reasons, acute, floors = 0, [], [], []
    domains: dict[str, int] = {}
    if crisis_statement:
        acute.append(CRISIS_STATEMENT)
        reasons.append(
            Reason(
                "",
                CRISIS_STATEMENT,
                definition.crisis_reason,
                0,
                "akuutti",
                definition.crisis_reason_professional,
            )
        )
    unanswered = 0
    for question in definition.questions:
        answer = answers.get(question.id)
        if answer is None or answer in NOT_ANSWERED:
            unanswered += 1
            continue
        chosen = _chosen(definition, question.id, answer)
        points = sum(o.points for o in chosen)
        if question.multi:
            points = min(points, definition.multi_select_cap)
        total += points
        domains[question.domain] = domains.get(question.domain, 0) + points
        for option in chosen:
            forced = "akuutti" if option.acute else option.floor
            if option.acute:
                acute.append(option.acute)
            if option.floor:
                floors.append(option.floor)
            if option.reason and (option.points > 0 or forced):
                reasons.append(
                    Reason(
                        question.id,
                        option.id,
                        option.reason,
                        option.points,
                        forced,
                        option.reason_professional or "",
                    )
                )
    level = level_for_total(definition, total)
    for floor in floors:
        if _level_rank(floor) > _level_rank(level):
            level = floor
    if acute:
        level = "akuutti"
    ranked = sorted(
        reasons, key=lambda r: (-(_level_rank(r.forced) + 1 if r.forced else 0), -r.points)
    )
    routing = definition.levels[level]
    return AuditResult(
        level=level,
        total=total,
        domain_scores=domains,
        reasons=tuple(ranked[:MAX_REASONS]),
        acute=tuple(dict.fromkeys(acute)),
        next_steps=routing.next_steps,
        services=routing.services,
        offer_contact=routing.offer_contact,
        unanswered=unanswered,
    )
