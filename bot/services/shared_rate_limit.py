"""The chat rate limit in Redis, shared by every web worker and machine (`limits` library)."""

from __future__ import annotations

import logging

from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from bot.config import Settings
from bot.services.rate_limit import RateLimiter, SlidingWindowLimiter

log = logging.getLogger(__name__)
KEY_PREFIX = "asumisbotti-chat"
TIMEOUT_S = 0.5  # Redis on the same network answers in well under a millisecond


class RedisLimiter:
    """At most `limit` events per `window_s` seconds per key, counted in Redis.

    When Redis cannot be reached the message is let through (and logged): a resident in crisis
    must never be stopped by a broken counter; Rasa's lock store then fails visibly anyway."""

    def __init__(self, redis_url: str, limit: int, window_s: int = 60) -> None:
        self._storage = RedisStorage(
            redis_url, key_prefix=KEY_PREFIX, wrap_exceptions=True,
            socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S,
        )
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._item = RateLimitItemPerSecond(limit, window_s)

    def allow(self, key: str) -> bool:
        """Record one event for `key`; False when over the limit, True when Redis is down."""
        try:
            return self._strategy.hit(self._item, key)
        except StorageError as exc:
            log.warning("rate limit store unavailable: %s", type(exc.storage_error).__name__)
            return True

    def healthy(self) -> bool | None:
        """True when Redis answers."""
        try:
            return bool(self._storage.check())
        except StorageError:
            return False


def make_limiter(settings: Settings) -> RateLimiter:
    """Redis when REDIS_URL is set; in memory otherwise (refused with several web workers)."""
    redis_url = settings.redis_url.strip()
    if redis_url:
        return RedisLimiter(redis_url, settings.rate_limit_per_minute)
    if settings.web_workers > 1:
        raise ValueError(
            f"WEB_WORKERS={settings.web_workers} needs REDIS_URL: each worker would count the "
            "rate limit on its own (`make run` starts a local redis-server)"
        )
    return SlidingWindowLimiter(settings.rate_limit_per_minute)
