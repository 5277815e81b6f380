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
numbers from the database instead of the whole conversation, and when another worker served the
last turns, only the rows it added.

Rasa builds each of its per-turn queries as an ORM query, and generating SQLAlchemy's cache key
for them cost more than running them. The store asks for the mark with one plain SQL statement,
and a save that follows a load or a save in the same turn (the conversation is locked between
them) inserts the events after the count the load or save saw, in one executemany, instead of
counting them again; any other save goes through Rasa's own code. A conversation with no
events at all is not queried a second time.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted

from bot.runtime.tracker_cache import Mark, TrackerCache

log = logging.getLogger(__name__)
RETRY_S = 10.0
RETRY_EVERY_S = 0.5
# name -> columns; `IF NOT EXISTS` works on SQLite and PostgreSQL alike.
EVENT_INDEXES = {
    "ix_events_sender_id_id": ("sender_id", "id"),
    "ix_events_sender_type_time": ("sender_id", "type_name", "timestamp"),
}

# Rasa's `_event_query` count (events since the latest SessionStarted, or all) as one statement.
MARK_SQL = sa.text(
    "SELECT count(id), max(id) FROM events WHERE sender_id = :sender AND ("
    " timestamp >= (SELECT max(timestamp) FROM events"
    "   WHERE sender_id = :sender AND type_name = :started)"
    " OR (SELECT max(timestamp) FROM events"
    "   WHERE sender_id = :sender AND type_name = :started) IS NULL)"
)
MAX_PENDING_COUNTS = 10_000
NEWER_ROWS_SQL = sa.text(
    "SELECT type_name, data FROM events WHERE sender_id = :sender AND id > :newest ORDER BY id")


def event_row(sender_id: str, event: Any) -> dict[str, Any]:
    """The `events` row Rasa's SQLTrackerStore.save writes for an event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
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
        kwargs = create_engine_kwargs(url)
        if url.get_backend_name() == "sqlite":
            # SQLAlchemy 1.4 opens a new SQLite connection (and journal set-up) per use
            # otherwise; Rasa's event loop uses them one at a time.
            kwargs.update(poolclass=sa.pool.QueuePool,
                          connect_args={"check_same_thread": False})
        self.engine = sa.create_engine(url, pool_pre_ping=True, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_fast_commits)
        create_event_indexes(self.engine)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.cache = TrackerCache()
        self._loaded_counts: dict[str, int] = {}
        self.caught_up = 0  # sender -> events stored when loaded this turn

    def _note_count(self, sender_id: str, count: int) -> None:
        """Remember the stored count for the turn's next save (bounded: some are never used)."""
        if len(self._loaded_counts) >= MAX_PENDING_COUNTS:
            self._loaded_counts.clear()
        self._loaded_counts[sender_id] = count

    def _mark(self, sender_id: str, connection: Any = None) -> Mark:
        """How many events the sender's latest session has in the database, and the newest id
        (on `connection` when given: a save counts in its own transaction)."""
        if connection is None:
            with self.engine.connect() as own:
                return self._mark(sender_id, own)
        count, newest = connection.execute(
            MARK_SQL, {"sender": sender_id, "started": SessionStarted.type_name}).one()
        return int(count), newest

    async def _retrieve_once(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        self._loaded_counts.pop(sender_id, None)
        if fetch_events_from_all_sessions or self.domain is None:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        mark = self._mark(sender_id)  # before loading: a newer write can only cause a miss
        self._note_count(sender_id, mark[0])
        if mark[0] == 0:  # nothing stored: Rasa's query would find no events either
            return None
        tracker = self.cache.get(sender_id, mark)
        if tracker is not None:
            return tracker
        behind = self.cache.take_behind(sender_id, mark)
        if behind is not None:
            tracker = self._catch_up(sender_id, behind, mark)
            if tracker is not None:
                return tracker
        return await super()._retrieve(sender_id, False)

    def _catch_up(self, sender_id: str, behind: tuple[Mark, Any], mark: Mark) -> Any:
        """The remembered tracker with the events another worker saved since, or None.

        Exactly the rows after the remembered newest id, as many as the count grew by, and no
        new session among them (a load would then start at that session): anything else means
        a full load.
        """
        (count, newest), tracker = behind
        with self.engine.connect() as connection:
            rows = connection.execute(
                NEWER_ROWS_SQL, {"sender": sender_id, "newest": newest}).all()
        if len(rows) != mark[0] - count or any(
                row.type_name == SessionStarted.type_name for row in rows):
            return None
        for row in rows:
            tracker.update(Event.from_parameters(json.loads(row.data)))
        self.caught_up += 1
        return tracker

    def _remember(self, tracker: Any, mark: Mark | None = None) -> None:
        """Cache a saved tracker when it holds exactly the session the database would load.

        Not so after a new session started in this turn: a load from the database then gives
        only the new session's events, so the next turn loads it. When it holds exactly that,
        the count is also what Rasa's save would count next, so the turn's next save (a new
        conversation's first turn saves twice) inserts after it as well.
        """
        mark = mark or self._mark(tracker.sender_id)
        if mark[0] == len(tracker.events):
            self.cache.put(tracker.sender_id, mark, tracker)
            self._note_count(tracker.sender_id, mark[0])
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

    async def _save_once(self, tracker: Any) -> Mark | None:
        """Insert the turn's new events; the mark after them when counted in the same
        transaction (one connection and round trip fewer than counting afterwards)."""
        stored = self._loaded_counts.pop(tracker.sender_id, None)
        if stored is None or stored > len(tracker.events):
            await super().save(tracker)
            return None
        await self.stream_events(tracker)
        rows = [event_row(tracker.sender_id, event)
                for event in itertools.islice(tracker.events, stored, None)]
        with self.engine.begin() as connection:
            if rows:
                connection.execute(self.SQLEvent.__table__.insert(), rows)
            return self._mark(tracker.sender_id, connection)

    async def save(self, tracker: Any) -> None:
        """Save the new events; retried while the database is briefly away."""
        attempts = int(RETRY_S / RETRY_EVERY_S)
        for attempt in range(attempts):
            try:
                self._remember(tracker, await self._save_once(tracker))
                return
            except sa.exc.OperationalError as exc:
                self.cache.forget(tracker.sender_id)
                if attempt == attempts - 1:
                    raise
                log.warning("tracker database unavailable, retrying: %s", type(exc).__name__)
                await asyncio.sleep(RETRY_EVERY_S)
