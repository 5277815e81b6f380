"""Deletes Rasa's stored conversations N hours after their last event (CLI, start-up, daily)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, inspect, text

from bot.store.db import make_engine

EVENTS_TABLE = "events"  # Rasa's SQL tracker store (rasa.core.tracker_store.SQLTrackerStore)
# One statement, so a conversation that gets a new message meanwhile is either kept whole
# (its newest event is recent) or deleted whole.
PURGE_SQL = text(
    "DELETE FROM events WHERE sender_id IN ("
    " SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
)


def engine_for(url: str) -> Engine:
    """An engine for the tracker database; plain postgresql:// URLs use psycopg 3 here."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    return make_engine(url)


def purge_trackers(engine: Engine, *, retention_hours: float, now: float | None = None) -> int:
    """Delete every event of conversations idle for `retention_hours`; how many events."""
    if not inspect(engine).has_table(EVENTS_TABLE):
        return 0  # Rasa has not stored anything yet
    cutoff = (time.time() if now is None else now) - retention_hours * 3600
    with engine.begin() as connection:
        return connection.execute(PURGE_SQL, {"cutoff": cutoff}).rowcount or 0


def purge_tracker_url(url: str, *, retention_hours: float) -> int:
    """`purge_trackers` on a database URL; the engine is closed afterwards."""
    engine = engine_for(url)
    try:
        return purge_trackers(engine, retention_hours=retention_hours)
    finally:
        engine.dispose()
