"""Deletes handled contact requests N days after handling (CLI, start-up, daily)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.store import contact_requests, staff_log, staff_sessions
from bot.store.db import Database
from bot.store.models import utc_now


def purge(db: Database, *, retention_days: int, idle_minutes: int = 30,
          now: datetime | None = None) -> int:
    """Delete requests handled more than `retention_days` ago (and idle sessions); how many."""
    now = now or utc_now()
    with db.session() as session:
        codes = contact_requests.delete_handled_before(
            session=session, moment=now - timedelta(days=retention_days))
        idle_since = now - timedelta(minutes=idle_minutes)
        staff_sessions.delete_idle(session=session, seen_before=idle_since)
        if codes:
            staff_log.create(session=session, actor="järjestelmä", action="purge",
                             detail=f"poistettu {len(codes)}")
    return len(codes)
