"""A remembered tracker is handed out only while the database still holds exactly it."""

from types import SimpleNamespace

from bot.runtime.tracker_cache import TrackerCache


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def tracker(events: int) -> SimpleNamespace:
    return SimpleNamespace(events=list(range(events)))


def test_a_tracker_comes_back_for_the_same_mark_once():
    cache = TrackerCache()
    saved = tracker(4)
    cache.put("a", (4, 17), saved)
    assert cache.get("a", (4, 17)) is saved
    assert cache.get("a", (4, 17)) is None  # handed out: the turn that holds it saves it back
    assert (cache.hits, cache.misses) == (1, 1)


def test_another_writer_changes_the_mark_and_the_tracker_is_not_used():
    cache = TrackerCache()
    cache.put("a", (4, 17), tracker(4))
    assert cache.get("a", (6, 23)) is None  # another worker saved two events
    assert cache.get("b", (4, 17)) is None  # never cached
    cache.put("a", (4, 17), tracker(4))
    assert cache.get("a", (0, None)) is None  # purged


def test_a_tracker_that_grew_without_being_saved_is_not_used():
    cache = TrackerCache()
    saved = tracker(4)
    cache.put("a", (4, 17), saved)
    saved.events.append("unsaved")  # a turn failed between its events and the save
    assert cache.get("a", (4, 17)) is None


def test_entries_expire_when_idle_and_the_oldest_go_first():
    clock = Clock()
    cache = TrackerCache(max_entries=2, idle_s=60, clock=clock)
    for name in ("a", "b", "c"):
        cache.put(name, (1, 1), tracker(1))
        clock.now += 10
    assert len(cache) == 2 and cache.get("a", (1, 1)) is None
    clock.now += 61
    assert len(cache) == 0
    assert cache.get("c", (1, 1)) is None


def test_forget_and_a_disabled_cache():
    cache = TrackerCache()
    cache.put("a", (1, 1), tracker(1))
    cache.forget("a")
    assert cache.get("a", (1, 1)) is None
    off = TrackerCache(max_entries=0)
    off.put("a", (1, 1), tracker(1))
    assert off.get("a", (1, 1)) is None
