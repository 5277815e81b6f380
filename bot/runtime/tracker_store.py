"""Rasa's SQL tracker store, waiting out a short database outage (Rasa environment only).

Rasa wraps every tracker store in its FailSafeTrackerStore: when loading a conversation fails it
carries on with an EMPTY tracker (a half-done audit starts over) and saves to memory instead. A
database restart of a few seconds should be a delay, not a lost conversation: this store checks
pooled connections before use and retries a failed load or save for up to `RETRY_S` seconds
(below the web app's RASA_TIMEOUT_S and Rasa's lock lifetime, TICKET_LOCK_LIFETIME).

Rasa's `events` table has no index but its primary key, and every turn runs two queries by
`sender_id` (load, then count before a save): without an index each turn scans every stored
conversation, so turns slow down as the store fills. The store adds the two indexes those
queries need. On SQLite it also uses write-ahead logging with `synchronous=NORMAL` (a commit
no longer waits for an fsync; a power cut may lose the last turns, never corrupt the file).
It remembers the trackers it saved (bot/runtime/tracker_cache.py): a turn then reads two
numbers from the database instead of the whole conversation.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

from bot.runtime.tracker_cache import Mark, TrackerCache

log = logging.getLogger(__name__)
RETRY_S = 10.0
RETRY_EVERY_S = 0.5
# name -> columns; `IF NOT EXISTS` works on SQLite and PostgreSQL alike.
EVENT_INDEXES = {
    "ix_events_sender_id_id": ("sender_id", "id"),
    "ix_events_sender_type_time": ("sender_id", "type_name", "timestamp"),
}


def create_event_indexes(engine: Any) -> None:
    """Add the per-conversation indexes to Rasa's `events` table (idempotent)."""
    for name, columns in EVENT_INDEXES.items():
        statement = f"CREATE INDEX IF NOT EXISTS {name} ON events ({', '.join(columns)})"
        try:
            with engine.begin() as connection:
                connection.execute(sa.text(statement))
        except sa.exc.DBAPIError as exc:  # another worker created it at the same moment
            log.info("index %s not created here: %s", name, type(exc).__name__)


def _sqlite_fast_commits(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class ResilientSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with connection pre-ping and a bounded retry of loads and saves."""

    engine: Any
    sessionmaker: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_fast_commits)
        create_event_indexes(self.engine)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.cache = TrackerCache()

    def _mark(self, sender_id: str) -> Mark:
        """How many events the sender's latest session has in the database, and the newest id."""
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            count, newest = query.order_by(None).with_entities(
                sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).one()
        return int(count), newest

    async def _retrieve_once(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        if fetch_events_from_all_sessions or self.domain is None:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        mark = self._mark(sender_id)  # before loading: a newer write can only cause a miss
        tracker = self.cache.get(sender_id, mark)
        if tracker is not None:
            return tracker
        return await super()._retrieve(sender_id, False)

    def _remember(self, tracker: Any) -> None:
        """Cache a saved tracker when it holds exactly the session the database would load.

        Not so after a new session started in this turn: a load from the database then gives
        only the new session's events, so the next turn loads it.
        """
        mark = self._mark(tracker.sender_id)
        if mark[0] == len(tracker.events):
            self.cache.put(tracker.sender_id, mark, tracker)
        else:
            self.cache.forget(tracker.sender_id)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        attempts = int(RETRY_S / RETRY_EVERY_S)
        for attempt in range(attempts):
            try:
                return await self._retrieve_once(sender_id, fetch_events_from_all_sessions)
            except sa.exc.OperationalError as exc:
                if attempt == attempts - 1:
                    raise
                log.warning("tracker database unavailable, retrying: %s", type(exc).__name__)
                await asyncio.sleep(RETRY_EVERY_S)
        return None

    async def save(self, tracker: Any) -> None:
        """Save the new events; retried while the database is briefly away."""
        attempts = int(RETRY_S / RETRY_EVERY_S)
        for attempt in range(attempts):
            try:
                await super().save(tracker)
                self._remember(tracker)
                return
            except sa.exc.OperationalError as exc:
                self.cache.forget(tracker.sender_id)
                if attempt == attempts - 1:
                    raise
                log.warning("tracker database unavailable, retrying: %s", type(exc).__name__)
                await asyncio.sleep(RETRY_EVERY_S)
