"""The sliding-window limiter used by the chat proxy."""

from bot.services.rate_limit import SlidingWindowLimiter


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_limit_applies_per_key_and_window_slides():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=2, window_s=60, clock=clock)
    assert limiter.allow("a") and limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")
    clock.now = 60.0
    assert limiter.allow("a")


def test_idle_keys_are_forgotten_when_the_table_is_full():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=1, window_s=10, clock=clock, max_keys=2)
    assert limiter.allow("a") and limiter.allow("b")
    clock.now = 11.0
    assert limiter.allow("c")
    assert len(limiter._events) == 1
