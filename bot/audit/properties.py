"""Scoring properties of a candidate definition, checked before an admin's edit is saved.

The same properties as tests/bot/audit/test_scoring.py: a worse answer never lowers the level
(options are listed from the mildest to the most serious; adding a choice of a multi-select
question is worse), skipping never raises it, totals stay within bounds. Other answers only
matter through their points and floors, so every reachable (points, floor) state is tried, and
each failure found is confirmed with the real `score` on a concrete answer set.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from bot.audit.definition import LEVELS, AuditDefinition, Question
from bot.audit.scoring import DONT_KNOW, SKIPPED, level_for_total, score

MAX_MULTI_OPTIONS = 10  # multi-select questions larger than this are checked by sampling only
SAMPLES = 200


@dataclass(frozen=True)
class Choice:
    """One way to answer a question: the slot value and what it contributes."""

    value: Any
    points: int
    floor: int  # rank in LEVELS, 0 when none
    acute: bool


@dataclass(frozen=True)
class Violation:
    """A property that fails, where, and an answer set that shows it."""

    rule: str  # worse_lowers, multi_lowers, skip_raises, below_zero, cutoff_order,
    #            korkea_unreachable, total_bounds
    question_id: str = ""
    option: Any = None  # the worse (or chosen) answer
    other: Any = None  # the milder answer it is compared with (None: skipped)
    levels: tuple[str, str] = ("", "")  # (with `other`, with `option`)
    others_total: int = 0  # points of the other answers in the example
    answers: dict[str, Any] = field(default_factory=dict)


def _rank(level: str | None) -> int:
    return LEVELS.index(level) if level else 0


def choices(definition: AuditDefinition, question: Question) -> list[Choice]:
    """Every answer of a question: each option, or each non-empty set of a multi-select's."""
    if not question.multi:
        return [Choice(o.id, o.points, _rank(o.floor), bool(o.acute)) for o in question.options]
    options = question.options[:MAX_MULTI_OPTIONS]
    found = []
    for size in range(1, len(options) + 1):
        for chosen in combinations(options, size):
            points = min(sum(o.points for o in chosen), definition.multi_select_cap)
            found.append(Choice([o.id for o in chosen], points,
                                max(_rank(o.floor) for o in chosen),
                                any(o.acute for o in chosen)))
    return found


def _reachable(definition: AuditDefinition, leave_out: str) -> dict[tuple[int, int], dict]:
    """(points, floor) of the other questions without acute answers, with one answer set each."""
    states: dict[tuple[int, int], dict] = {(0, 0): {}}
    for question in definition.questions:
        if question.id == leave_out:
            continue
        kinds = {(c.points, c.floor): c.value for c in reversed(choices(definition, question))
                 if not c.acute}
        grown = dict(states)  # skipping the question keeps every state
        for (total, floor), answers in states.items():
            for (points, option_floor), value in kinds.items():
                key = (total + points, max(floor, option_floor))
                if key not in grown:
                    grown[key] = {**answers, question.id: value}
        states = grown
    return states


def _level(definition: AuditDefinition, total: int, floor: int, acute: bool) -> int:
    if acute:
        return len(LEVELS) - 1
    return max(_rank(level_for_total(definition, total)), floor)


def _pairs(definition: AuditDefinition, question: Question) -> Iterator[tuple[str, Choice | None,
                                                                              Choice]]:
    """(rule, milder, worse): consecutive options, a multi-select grown by one, skip vs any."""
    answers = choices(definition, question)
    for answer in answers:
        yield "skip_raises", None, answer
    if not question.multi:
        for milder, worse in zip(answers, answers[1:], strict=False):
            yield "worse_lowers", milder, worse
        return
    by_ids = {frozenset(c.value): c for c in answers}
    for answer in answers:
        for option in question.options[:MAX_MULTI_OPTIONS]:
            if option.id not in answer.value:
                yield "multi_lowers", answer, by_ids[frozenset([*answer.value, option.id])]


def _confirmed(definition: AuditDefinition, question: Question, rule: str,
               milder: Choice | None, worse: Choice, others: dict) -> Violation | None:
    before = score(definition, {**others, question.id: milder.value if milder else SKIPPED})
    after = score(definition, {**others, question.id: worse.value})
    if _rank(after.level) >= _rank(before.level):
        return None
    return Violation(rule, question.id, worse.value, milder.value if milder else None,
                     (before.level, after.level), score(definition, others).total, others)


def _ordering(definition: AuditDefinition, question: Question) -> list[Violation]:
    """Worse never lowers, skipping never raises: the first failure of each rule."""
    states = _reachable(definition, question.id)
    found: dict[str, Violation] = {}
    for rule, milder, worse in _pairs(definition, question):
        if rule in found:
            continue
        for (total, floor), others in states.items():
            low = _level(definition, total + (milder.points if milder else 0),
                         max(floor, milder.floor if milder else 0), bool(milder and milder.acute))
            high = _level(definition, total + worse.points, max(floor, worse.floor), worse.acute)
            if high < low:
                violation = _confirmed(definition, question, rule, milder, worse, others)
                if violation:
                    found[rule] = violation
                    break
    return list(found.values())


def _bounds(definition: AuditDefinition) -> list[Violation]:
    """Cut-offs in order and reachable; no answer takes the total below zero."""
    found = []
    low, high = definition.cutoffs.get("kohonnut", 0), definition.cutoffs.get("korkea", 0)
    if not 0 < low < high:
        found.append(Violation("cutoff_order"))
    best = sum(max([0, *(c.points for c in choices(definition, q) if not c.acute)])
               for q in definition.questions)
    if high > best:
        found.append(Violation("korkea_unreachable", others_total=best))
    for question in definition.questions:
        negative = next((c for c in choices(definition, question) if c.points < 0), None)
        if negative is not None:
            result = score(definition, {question.id: negative.value})
            found.append(Violation("below_zero", question.id, negative.value,
                                   others_total=result.total))
    return found


def _sampled(definition: AuditDefinition, samples: int) -> list[Violation]:
    """Random answer sets through the real scoring: total within bounds, a known level."""
    rng = random.Random(13)
    options = {q.id: [c.value for c in choices(definition, q)] + [SKIPPED, DONT_KNOW, None]
               for q in definition.questions}
    ceiling = sum(max([0, *(c.points for c in choices(definition, q))])
                  for q in definition.questions)
    for _ in range(samples):
        answers = {q: rng.choice(values) for q, values in options.items()}
        result = score(definition, answers)
        inside = 0 <= result.total <= ceiling and result.level in LEVELS
        if not inside or sum(result.domain_scores.values()) != result.total:
            return [Violation("total_bounds", others_total=result.total, answers=answers)]
    return []


def check(definition: AuditDefinition, samples: int = SAMPLES) -> list[Violation]:
    """Every property that fails on the definition (empty when it may be saved)."""
    found = _bounds(definition)
    for question in definition.questions:
        found.extend(_ordering(definition, question))
    return found + _sampled(definition, samples)
