"""The chat rate limit counted in a real redis-server, shared by every web worker."""

from __future__ import annotations

import secrets

import pytest

from bot.config import Settings
from bot.services.rate_limit import SlidingWindowLimiter
from bot.services.shared_rate_limit import RedisLimiter, make_limiter


def test_two_limiters_on_one_redis_share_the_count(redis_server):
    worker_a = RedisLimiter(redis_server.url, limit=3)
    worker_b = RedisLimiter(redis_server.url, limit=3)
    sender, other = secrets.token_hex(8), secrets.token_hex(8)
    assert [worker_a.allow(sender), worker_b.allow(sender), worker_a.allow(sender)] == [True] * 3
    assert worker_b.allow(sender) is False
    assert worker_a.allow(sender) is False
    assert worker_b.allow(other) is True
    assert worker_a.healthy() is True


def test_with_redis_down_messages_pass_and_health_says_so():
    limiter = RedisLimiter("redis://127.0.0.1:9/0", limit=1)  # nothing listens on port 9
    assert limiter.allow("a") and limiter.allow("a")
    assert limiter.healthy() is False


def test_memory_by_default_redis_when_set_and_several_workers_need_redis(redis_server):
    assert isinstance(make_limiter(Settings()), SlidingWindowLimiter)
    assert SlidingWindowLimiter(1).healthy() is None
    assert isinstance(make_limiter(Settings(REDIS_URL=redis_server.url)), RedisLimiter)
    with pytest.raises(ValueError, match="REDIS_URL"):
        make_limiter(Settings(WEB_WORKERS=2))
