"""The staff audit log: who did what and when. Callers never pass message texts here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import StaffLogEntry


def create(
    *, session: Session, actor: str, action: str, target: str = "", detail: str = ""
) -> StaffLogEntry:
    """Append one entry (fields are cut to the column widths)."""
    entry = StaffLogEntry(actor=actor[:254], action=action[:32], target=target[:254],
                          detail=detail[:254])
    session.add(entry)
    return entry


def list_recent(*, session: Session, limit: int = 200) -> list[StaffLogEntry]:
    """The newest entries first."""
    query = select(StaffLogEntry).order_by(StaffLogEntry.id.desc()).limit(limit)
    return list(session.scalars(query))
