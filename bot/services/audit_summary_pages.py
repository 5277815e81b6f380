"""Use case: show or delete the audit summary behind a reference code."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from bot.audit.definition import AuditDefinition
from bot.services.answer_messages import services_municipality
from bot.services.audit_summary import SummaryView, summary_view
from bot.store import audit_results
from bot.store import services as service_store
from bot.store.db import Database

logger = logging.getLogger(__name__)
CODE = re.compile(r"^[A-Z0-9]{8}$")

FOUND = "found"
NOT_FOUND = "not_found"
UNAVAILABLE = "unavailable"
DELETED = "deleted"


@dataclass(frozen=True)
class SummaryOutcome:
    """`status` is FOUND (with `view`), NOT_FOUND, UNAVAILABLE or DELETED."""

    status: str
    view: SummaryView | None = None


def show_summary(
    *, db: Database, code: str, definition: AuditDefinition, texts: dict
) -> SummaryOutcome:
    """The summary view: the stored audit, its level's routing and the local services."""
    if not CODE.match(code):
        return SummaryOutcome(NOT_FOUND)
    try:
        audit = audit_results.get(db=db, reference=code)
        if audit is None:
            return SummaryOutcome(NOT_FOUND)
        services = service_store.list(
            db=db,
            municipality=services_municipality(audit.municipality),
            categories=definition.levels[audit.level].services,
        )
    except SQLAlchemyError as exc:
        logger.error("audit summary unavailable: %s", type(exc).__name__)
        return SummaryOutcome(UNAVAILABLE)
    return SummaryOutcome(FOUND, summary_view(audit, definition, services, texts))


def delete_summary(*, db: Database, code: str) -> SummaryOutcome:
    """Delete by code (whoever has the code may): DELETED, NOT_FOUND or UNAVAILABLE."""
    if not CODE.match(code):
        return SummaryOutcome(NOT_FOUND)
    try:
        deleted = audit_results.delete(db=db, reference=code)
    except SQLAlchemyError as exc:
        logger.error("audit summary not deleted: %s", type(exc).__name__)
        return SummaryOutcome(UNAVAILABLE)
    return SummaryOutcome(DELETED if deleted else NOT_FOUND)
