"""The web app's statistics events: conversations started and crisis answers given."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from bot.services import statistics
from bot.services.content import Reply, load_domain_response
from bot.store.db import Database

log = logging.getLogger(__name__)
CRISIS_RESPONSE = "utter_kriisi"
CHECK_IN_RESPONSES = ("utter_tarkistuskysymys", "utter_kriisi_tarkistus_lomake")


@dataclass
class ChatStats:
    """Counts events of chat turns in the background; the sender id is hashed in memory only."""

    db: Database
    crisis_text: str
    check_in_texts: frozenset[str]
    counter: statistics.ConversationCounter = field(
        default_factory=statistics.ConversationCounter)
    _tasks: set[asyncio.Task] = field(default_factory=set)

    @classmethod
    def from_domain(cls, db: Database, domain_path: Path) -> ChatStats:
        """Recognise the crisis answer and the check-ins by the domain's texts."""
        crisis = load_domain_response(domain_path, CRISIS_RESPONSE).text
        check_ins = frozenset(load_domain_response(domain_path, n).text
                              for n in CHECK_IN_RESPONSES)
        return cls(db, crisis, check_ins)

    def events(self, sender: str, replies: Sequence[Reply]) -> list[tuple[str, dict[str, str]]]:
        """What one turn counts: a new conversation today, a crisis tier shown."""
        found: list[tuple[str, dict[str, str]]] = []
        if self.counter.first_today(sender):
            found.append((statistics.CONVERSATION, {}))
        texts = {r.text for r in replies}
        if self.crisis_text in texts:
            found.append((statistics.CRISIS, {"level": statistics.CRISIS_ANSWER}))
        elif texts & self.check_in_texts:
            found.append((statistics.CRISIS, {"level": statistics.CHECK_IN}))
        return found

    def _write(self, events: list[tuple[str, dict[str, str]]]) -> None:
        for kind, fields in events:
            statistics.record(self.db, kind, level=fields.get("level", ""))

    def record_turn(self, sender: str, replies: Sequence[Reply]) -> None:
        """Count the turn's events in a worker thread: the reply never waits for the database."""
        try:
            events = self.events(sender, replies)
            if not events:
                return
            task = asyncio.get_running_loop().create_task(asyncio.to_thread(self._write, events))
        except Exception as exc:  # noqa: BLE001 - statistics must never break a reply
            log.warning("statistics not counted (%s)", type(exc).__name__)
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def record_chat_turn(request: Request, sender: str, replies: Sequence[Reply]) -> None:
    """Count a chat turn's events when the app has statistics (never fails)."""
    stats = getattr(request.app.state, "stats", None)
    if isinstance(stats, ChatStats):
        stats.record_turn(sender, replies)
