"""Deletes handled contact requests and old unanswered messages (CLI, start-up, daily)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.store import contact_requests, staff_log, staff_sessions, stats_events, unanswered
from bot.store.db import Database
from bot.store.models import utc_now

STATS_RETENTION_DAYS = 1096  # about three years (Settings.stats_retention_days)


def purge(db: Database, *, retention_days: int, idle_minutes: int = 30,
          now: datetime | None = None, unanswered_days: int = 90,
          stats_retention_days: int = STATS_RETENTION_DAYS) -> int:
    """Delete requests handled more than `retention_days` ago (and idle sessions); how many.

    Unanswered messages older than `unanswered_days` go too (logged with their count).
    Anonymous statistics events older than `stats_retention_days` go too.
    """
    now = now or utc_now()
    messages = unanswered.delete_created_before(db=db, moment=now - timedelta(days=unanswered_days))
    with db.session() as session:
        codes = contact_requests.delete_handled_before(
            session=session, moment=now - timedelta(days=retention_days))
        idle_since = now - timedelta(minutes=idle_minutes)
        staff_sessions.delete_idle(session=session, seen_before=idle_since)
        stats_events.delete_before(
            session=session, day=(now - timedelta(days=stats_retention_days)).date())
        if codes:
            staff_log.create(session=session, actor="järjestelmä", action="purge",
                             detail=f"poistettu {len(codes)}")
        if messages:
            staff_log.create(session=session, actor="järjestelmä", action="purge_inbox",
                             detail=f"viestejä {messages}")
    return len(codes)
