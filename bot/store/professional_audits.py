"""Audit codes linked to the professional who ran or opened them (code and level only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import ProfessionalAudit


def get(*, session: Session, user_id: int, reference: str) -> ProfessionalAudit | None:
    """The link of one code to one professional."""
    return session.scalar(select(ProfessionalAudit).where(
        ProfessionalAudit.user_id == user_id, ProfessionalAudit.reference == reference))


def create(*, session: Session, user_id: int, reference: str, level: str) -> ProfessionalAudit:
    """Link a code to a professional."""
    row = ProfessionalAudit(user_id=user_id, reference=reference, level=level)
    session.add(row)
    return row


def list_since(*, session: Session, user_id: int, since: datetime) -> list[ProfessionalAudit]:
    """A professional's codes since a moment, newest first."""
    return list(session.scalars(
        select(ProfessionalAudit)
        .where(ProfessionalAudit.user_id == user_id, ProfessionalAudit.created_at >= since)
        .order_by(ProfessionalAudit.id.desc())
    ))
