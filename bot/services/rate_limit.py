"""Per-sender sliding-window rate limit: in memory (one web worker) or in Redis (shared)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class RateLimiter(Protocol):
    """What the chat route needs of a rate limit."""

    def allow(self, key: str) -> bool:
        """Record one event for `key`; False when the key is over its limit."""
        ...

    def healthy(self) -> bool | None:
        """True/False for a shared store that is up/down; None when nothing is shared."""
        ...


class SlidingWindowLimiter:
    """Allows at most `limit` events per `window_s` seconds for each key."""

    def __init__(
        self,
        limit: int,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self._limit = limit
        self._window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Record one event for `key`; False when the key is over its limit."""
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._forget_idle(now)
            events = self._events.setdefault(key, deque())
        while events and now - events[0] >= self._window_s:
            events.popleft()
        if len(events) >= self._limit:
            return False
        events.append(now)
        return True

    def healthy(self) -> bool | None:
        """Nothing shared to check: None."""
        return None

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, ev in self._events.items() if not ev or now - ev[-1] >= self._window_s]
        for key in idle:
            del self._events[key]
        if len(self._events) >= self._max_keys:
            self._events.clear()
