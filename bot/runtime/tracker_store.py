"""Rasa's SQL tracker store, waiting out a short database outage (Rasa environment only).

Rasa wraps every tracker store in its FailSafeTrackerStore: when loading a conversation fails it
carries on with an EMPTY tracker (a half-done audit starts over) and saves to memory instead. A
database restart of a few seconds should be a delay, not a lost conversation: this store checks
pooled connections before use and retries a failed load or save for up to `RETRY_S` seconds
(below the web app's RASA_TIMEOUT_S and Rasa's lock lifetime, TICKET_LOCK_LIFETIME).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

log = logging.getLogger(__name__)
RETRY_S = 10.0
RETRY_EVERY_S = 0.5


class ResilientSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with connection pre-ping and a bounded retry of loads and saves."""

    engine: Any
    sessionmaker: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        attempts = int(RETRY_S / RETRY_EVERY_S)
        for attempt in range(attempts):
            try:
                return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
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
                return
            except sa.exc.OperationalError as exc:
                if attempt == attempts - 1:
                    raise
                log.warning("tracker database unavailable, retrying: %s", type(exc).__name__)
                await asyncio.sleep(RETRY_EVERY_S)
