"""Use case: end the audit: score it, store it anonymously, compose level, reasons and help."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.audit.definition import AuditDefinition
from bot.audit.scoring import AuditResult, score
from bot.services.answer_messages import services_municipality, services_text
from bot.services.content import Reply
from bot.services.dialogue_texts import DialogueTexts, audit_texts_for
from bot.services.topics import TopicCatalogue
from bot.store import audit_results
from bot.store import services as service_store
from bot.store.db import Database

logger = logging.getLogger(__name__)
MAX_SITUATION_CHARS = 500


@dataclass(frozen=True)
class AuditInput:
    """The finished audit as the conversation holds it."""

    mode: str
    professional: bool
    answers: Mapping[str, Any]
    crisis: bool
    municipality: str | None
    professional_consent: str


@dataclass(frozen=True)
class AuditOutcome:
    """Messages to show; `situation` and `topic` pre-fill the contact offer when there is one."""

    replies: tuple[Reply, ...]
    level: str
    reference: str | None
    offers_contact: bool
    situation: str = ""
    topic: str = ""


def result_messages(
    result: AuditResult, title: str, summary: str, texts: dict, professional: bool = False
) -> list[str]:
    """Level in plain words first, then the reasons ("miksi?"), in the mode's wording."""
    lines = [texts["result_header"].format(title=title, summary=summary)]
    if result.reasons:
        reasons = "\n".join(f"• {r.wording(professional)}" for r in result.reasons)
        lines.append(f"{texts['reasons_header']}\n{reasons}")
    else:
        lines.append(texts["no_reasons"])
    if result.estimate_may_be_low:
        lines[-1] += "\n" + texts["estimate_low"].format(count=result.unanswered)
    return lines


def finish_audit(
    *,
    db: Database,
    audit: AuditInput,
    definition: AuditDefinition,
    catalogue: TopicCatalogue,
    dialogue: DialogueTexts,
) -> AuditOutcome:
    """Score, show the result and local help, store it (a summary link) and offer next steps."""
    texts = audit_texts_for(dialogue.audit, audit.professional)
    result = score(definition, dict(audit.answers), audit.crisis)
    routing = definition.levels[result.level]
    summary = routing.summary_for(audit.professional)
    reasons = [r.wording(audit.professional) for r in result.reasons]
    lines = result_messages(result, routing.title, summary, texts, audit.professional)
    replies = [Reply(line) for line in lines]
    reference = None
    try:
        services = service_store.list(
            db=db,
            municipality=services_municipality(audit.municipality),
            categories=routing.services,
        )
        if services:
            replies.append(Reply(services_text(audit.municipality, services, dialogue)))
        reference = audit_results.create(
            db=db,
            mode=audit.mode,
            municipality=str(audit.municipality or ""),
            answers={k: v for k, v in audit.answers.items() if v is not None},
            level=result.level,
            total=result.total,
            reasons=reasons,
            professional_consent=audit.professional_consent,
            retention_days=definition.retention_days,
            definition_version=definition.version,
        )
        link = texts["summary_link"].format(reference=reference, days=definition.retention_days)
    except (SQLAlchemyError, RuntimeError) as exc:
        logger.error("audit result not stored (%s)", type(exc).__name__)
        link = texts["storage_failed"]
    steps = tuple(catalogue.button(i) for i in routing.next_steps if i in catalogue.titles)
    replies.append(Reply(link, steps))
    if not routing.offer_contact:
        return AuditOutcome(tuple(replies), result.level, reference, offers_contact=False)
    offer = (
        (dialogue.contact["yes_button"], "/affirm"),
        (dialogue.contact["no_button"], "/deny"),
    )
    replies.append(Reply(texts["contact_offer"], offer))
    situation = texts["contact_situation"].format(title=routing.title, reasons=" ".join(reasons))
    return AuditOutcome(
        tuple(replies),
        result.level,
        reference,
        offers_contact=True,
        situation=situation[:MAX_SITUATION_CHARS],
        # The contact request links the summary: "kartoitus:<level>:<code>" (bot/services/queue.py).
        topic=f"kartoitus:{result.level}:{reference}" if reference else f"kartoitus:{result.level}",
    )
