"""What the print-friendly audit summary shows; the page itself is a Jinja2 template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.audit.definition import AuditDefinition
from bot.audit.scoring import DONT_KNOW, SKIPPED
from bot.store.audit_results import StoredAudit
from bot.store.records import ServiceRecord

HELSINKI = ZoneInfo("Europe/Helsinki")
PROFESSIONAL = "ammattilainen"


@dataclass(frozen=True)
class AnswerRow:
    """One question as asked in the audit's mode and the answer given."""

    question: str
    answer: str


@dataclass(frozen=True)
class ServiceLine:
    """A recommended service; the phone only when the directory verified it."""

    name: str
    helps_with: str
    phone: str
    url: str


@dataclass(frozen=True)
class SummaryView:
    """Everything `summary.html` renders, already in the audit's mode."""

    reference: str
    date: str
    mode: str
    municipality: str
    level_title: str
    level_summary: str
    reasons: tuple[str, ...]
    services: tuple[ServiceLine, ...]
    answers: tuple[AnswerRow, ...]
    professional: bool
    consent: str
    notification: str
    expires: str


def finnish_date(moment: datetime) -> str:
    """26.11.2026 in Helsinki time."""
    local = moment.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year}"


def _answer_label(definition: AuditDefinition, question_id: str, value, texts: dict) -> str:
    if value in (None, SKIPPED):
        return texts["skipped"]
    if value == DONT_KNOW:
        return texts["dont_know"]
    question = definition.question(question_id)
    ids = [value] if isinstance(value, str) else list(value)
    labels = [o.label for o in question.options if o.id in ids]
    return ", ".join(labels) or texts["skipped"]


def summary_view(
    audit: StoredAudit,
    definition: AuditDefinition,
    services: list[ServiceRecord],
    texts: dict,
) -> SummaryView:
    """Date, mode, answers, level, reasons, services; for professionals a notification text."""
    professional = audit.mode == PROFESSIONAL
    routing = definition.levels[audit.level]
    date = finnish_date(audit.created_at)
    consent = (audit.professional_consent or "–") if professional else ""
    notification = ""
    if professional:
        notification = texts["notification_text"].format(
            date=date, level=routing.title, reasons=" ".join(audit.reasons) or "–", consent=consent
        )
    return SummaryView(
        reference=audit.reference,
        date=date,
        mode=texts.get(f"mode_{audit.mode}", audit.mode),
        municipality=audit.municipality,
        level_title=routing.title,
        level_summary=routing.summary_for(professional),
        reasons=tuple(audit.reasons),
        services=tuple(
            ServiceLine(s.name, s.helps_with, s.phone if s.phone and s.verified else "", s.url)
            for s in services
        ),
        answers=tuple(
            AnswerRow(
                q.wording(professional),
                _answer_label(definition, q.id, audit.answers.get(q.id), texts),
            )
            for q in definition.questions
        ),
        professional=professional,
        consent=consent,
        notification=notification,
        expires=texts["expires"].format(date=finnish_date(audit.expires_at)),
    )
