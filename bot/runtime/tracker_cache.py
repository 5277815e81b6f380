"""The last conversations a Rasa worker handled, kept so a turn need not reload and replay them.

Loading a conversation from the SQL store means reading, parsing and replaying every event of
the session, so a turn cost grew with the conversation. The store now remembers the tracker it
saved, with the database's *mark* for it (how many events the session has there, and the newest
row id). The next turn asks the database only for the mark: if it is unchanged and the tracker
has not grown since it was saved, the remembered tracker is the stored one. Any other writer
(another worker or machine, the purge, a failed turn that left unsaved events behind) changes
the mark or the length, and the tracker is loaded from the database as before.
Trackers hold message texts, so an entry lives at most `idle_s` after its last use, and at most
`max_entries` are kept (least recently used first out).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

Mark = tuple[int, int | None]  # (events in the session, newest row id)


@dataclass
class _Entry:
    mark: Mark
    length: int
    tracker: Any
    used_at: float


def _behind(entry: _Entry, mark: Mark) -> bool:
    """The tracker is unchanged since saved and the database has more events and newer rows."""
    count, newest = entry.mark
    return (len(entry.tracker.events) == entry.length and newest is not None
            and mark[1] is not None and mark[0] > count and mark[1] > newest)


class TrackerCache:
    """Trackers by sender id, each valid only for the database mark it was saved with."""

    def __init__(self, max_entries: int = 500, idle_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries = max_entries
        self.idle_s = idle_s
        self.clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def put(self, sender_id: Hashable, mark: Mark, tracker: Any) -> None:
        """Remember `tracker` as what the database holds at `mark`."""
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[sender_id] = _Entry(mark, len(tracker.events), tracker, self.clock())
            self._entries.move_to_end(sender_id)
            self._evict()

    def get(self, sender_id: Hashable, mark: Mark) -> Any | None:
        """The remembered tracker if the database still holds exactly it, else None."""
        with self._lock:
            self._evict()
            entry = self._entries.get(sender_id)
            if entry is None or entry.mark != mark or len(entry.tracker.events) != entry.length:
                self.misses += 1
                if entry is not None and not _behind(entry, mark):
                    del self._entries[sender_id]
                return None
            # Handed out: whoever changes it saves it, and `put` brings it back.
            del self._entries[sender_id]
            self.hits += 1
            return entry.tracker

    def take_behind(self, sender_id: Hashable, mark: Mark) -> tuple[Mark, Any] | None:
        """The remembered tracker and its mark, if the database has only added events since.

        Another worker served the conversation's last turns: the caller reads the rows after
        the remembered newest id and applies them, instead of loading the whole conversation.
        """
        with self._lock:
            entry = self._entries.pop(sender_id, None)
            if entry is None or not _behind(entry, mark):
                return None
            return entry.mark, entry.tracker

    def forget(self, sender_id: Hashable) -> None:
        """Drop the sender's entry (e.g. after a failed save)."""
        with self._lock:
            self._entries.pop(sender_id, None)

    def __len__(self) -> int:
        with self._lock:
            self._evict()
            return len(self._entries)

    def _evict(self) -> None:
        now = self.clock()
        while self._entries:
            oldest_key, oldest = next(iter(self._entries.items()))
            if len(self._entries) <= self.max_entries and now - oldest.used_at <= self.idle_s:
                break
            del self._entries[oldest_key]
