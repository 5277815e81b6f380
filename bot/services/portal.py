"""The professional's portal: audit codes started or opened there (codes and levels only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.services.audit_summary import PROFESSIONAL, finnish_date
from bot.services.auth import Identity
from bot.store import audit_results, professional_audits, staff_log
from bot.store.db import Database
from bot.store.models import utc_now

RECENT_DAYS = 30


@dataclass(frozen=True)
class RecentAudit:
    """A code and its level; no client identity anywhere."""

    reference: str
    level: str
    date: str


def _link(db: Database, *, user_id: int, reference: str, level: str) -> bool:
    with db.session() as session:
        if professional_audits.get(session=session, user_id=user_id, reference=reference):
            return False
        professional_audits.create(session=session, user_id=user_id, reference=reference,
                                   level=level)
    return True


def open_code(db: Database, *, code: str, identity: Identity) -> bool:
    """Check a code exists; a professional-mode audit is added to my recent list."""
    audit = audit_results.get(db=db, reference=code)
    if audit is None:
        return False
    if audit.mode == PROFESSIONAL:
        _link(db, user_id=identity.id, reference=code, level=audit.level)
    with db.session() as session:
        staff_log.create(session=session, actor=identity.email, action="summary_opened",
                         target=code)
    return True


def link_started_audits(db: Database, *, user_id: int, codes: list[str]) -> int:
    """Remember professional-mode audits a professional ran from the portal; how many added."""
    added = 0
    for code in codes:
        audit = audit_results.get(db=db, reference=code)
        if audit is not None and audit.mode == PROFESSIONAL:
            added += _link(db, user_id=user_id, reference=code, level=audit.level)
    return added


def recent_audits(db: Database, *, identity: Identity, now: datetime | None = None
                  ) -> list[RecentAudit]:
    """My codes of the last 30 days, newest first."""
    since = (now or utc_now()) - timedelta(days=RECENT_DAYS)
    with db.session() as session:
        rows = professional_audits.list_since(session=session, user_id=identity.id, since=since)
        return [RecentAudit(r.reference, r.level, finnish_date(r.created_at)) for r in rows]
