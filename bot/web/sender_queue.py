"""One message at a time per sender on its way to Rasa, with a short queue.

Rasa orders a conversation's messages with its lock store, but a message that finds the lock
taken polls again only after a whole second, so a burst from one sender waits seconds (and can
time out). Queuing them here sends them to Rasa one after another without that wait; beyond
`max_waiting` queued messages a sender is told to slow down.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class SenderBusy(Exception):
    """The sender already has the most messages a queue holds."""


class SenderQueue:
    """Per-sender asyncio locks that disappear when nobody holds or waits for them."""

    def __init__(self, max_waiting: int = 4) -> None:
        self._max_waiting = max_waiting
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    def __len__(self) -> int:
        """Senders with a message in flight or queued."""
        return len(self._locks)

    @asynccontextmanager
    async def turn(self, sender: str) -> AsyncIterator[None]:
        """Hold the sender's turn for the block; raises SenderBusy when the queue is full."""
        lock, users = self._locks.setdefault(sender, (asyncio.Lock(), [0]))
        if users[0] > self._max_waiting:  # one in flight plus `max_waiting` queued
            raise SenderBusy(sender)
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._locks[sender]
