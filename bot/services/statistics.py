"""Use case: anonymous statistics: count events safely, and build the suppressed report."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import statistics as pystats
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from threading import Lock
from zoneinfo import ZoneInfo

from bot.services.stats_tables import Cell, Table, grouped_table, small, table, total_cell
from bot.store import stats_events
from bot.store.db import Database
from bot.store.stats_events import EventCount

logger = logging.getLogger(__name__)
HELSINKI = ZoneInfo("Europe/Helsinki")

CONVERSATION = "conversation"
TOPIC = "topic"
AUDIT = "audit"
CRISIS = "crisis"
HIDDEN_HOMELESSNESS = "hidden_homelessness"
FALLBACK = "fallback"
CONTACT_REQUEST = "contact_request"
CONTACT_HANDLED = "contact_handled"
KINDS = (CONVERSATION, TOPIC, AUDIT, CRISIS, HIDDEN_HOMELESSNESS, FALLBACK, CONTACT_REQUEST,
         CONTACT_HANDLED)
CRISIS_ANSWER, CHECK_IN = "kriisivastaus", "tarkistus"  # the crisis tiers as counted


def today(now: datetime | None = None) -> date:
    """The day in Finland (events carry nothing finer)."""
    return (now or datetime.now(HELSINKI)).astimezone(HELSINKI).date()


def record(db: Database, kind: str, *, day: date | None = None, topic: str = "",
           municipality: str = "", level: str = "", mode: str = "", handling_days: int = 0
           ) -> bool:
    """Count one event; never raises (a failure is logged by its kind only). True if stored."""
    try:
        stats_events.create(db=db, kind=kind, day=day or today(), topic=topic,
                            municipality=municipality, level=level, mode=mode,
                            handling_days=handling_days)
    except Exception as exc:  # noqa: BLE001 - statistics must never break a reply
        logger.warning("statistics event %s not stored (%s)", kind, type(exc).__name__)
        return False
    return True


class ConversationCounter:
    """Tells whether a sender is new today; keeps only keyed hashes, in memory, for one day."""

    def __init__(self, max_senders: int = 200_000,
                 clock: Callable[[], date] = today) -> None:
        self._key = secrets.token_bytes(32)  # per process: the hashes mean nothing elsewhere
        self._seen: set[bytes] = set()
        self._day: date | None = None
        self._max = max_senders
        self._clock = clock
        self._lock = Lock()

    def first_today(self, sender: str) -> bool:
        """True the first time this sender is seen on the current day."""
        digest = hmac.new(self._key, sender.encode("utf-8"), hashlib.sha256).digest()
        with self._lock:
            day = self._clock()
            if day != self._day or len(self._seen) >= self._max:
                self._seen, self._day = set(), day
            if digest in self._seen:
                return False
            self._seen.add(digest)
            return True


@dataclass(frozen=True)
class Labels:
    """Readable names of codes: topic intents, audit levels and modes, crisis tiers, sources."""

    topics: Mapping[str, str]
    levels: Mapping[str, str]
    modes: Mapping[str, str]
    tiers: Mapping[str, str]
    sources: Mapping[str, str]
    no_municipality: str

    def of(self, names: Mapping[str, str], code: str) -> str:
        """The label of a code, or the code itself."""
        return names.get(code, code)

    def municipality(self, name: str) -> str:
        """A municipality, or the 'not given' label."""
        return name or self.no_municipality


@dataclass(frozen=True)
class Rate:
    """Fallback share: both counts and the percentage, shown only when no count is small."""

    fallbacks: Cell
    answered: Cell
    percent: float | None


@dataclass(frozen=True)
class Handling:
    """Contact requests: created, handled and the median whole days to handling."""

    created: Cell
    handled: Cell
    median_days: float | None


@dataclass(frozen=True)
class StatsReport:
    """Everything the statistics page and the CSV show, already suppressed."""

    start: date
    end: date
    conversations: Table
    topics: Table
    topics_detail: Table
    levels: Table
    levels_detail: Table
    safety: Table
    fallback: Rate
    contacts: Handling
    empty: bool


def _sum_by(events: Iterable[EventCount], kind: str,
            key: Callable[[EventCount], tuple[str, ...]]) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for event in events:
        if event.kind == kind:
            counts[key(event)] += event.count
    return counts


def _detail(key: str, totals: Counter, detail: Counter) -> Table:
    """Detail rows grouped under the rows of a totals table, in the totals' order."""
    groups = []
    for head, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        rows = sorted((k, v) for k, v in detail.items() if k[: len(head)] == head)
        groups.append(rows)
    return grouped_table(key, groups)


def _median_days(events: Iterable[EventCount]) -> list[int]:
    return [e.handling_days for e in events if e.kind == CONTACT_HANDLED for _ in range(e.count)]


def build_report(events: list[EventCount], *, start: date, end: date, labels: Labels
                 ) -> StatsReport:
    """Aggregate the counters of the range into suppressed tables."""
    per_day = _sum_by(events, CONVERSATION, lambda e: (e.day.isoformat(),))
    days = [((d.isoformat(),), per_day.get((d.isoformat(),), 0))
            for d in (start + timedelta(n) for n in range((end - start).days + 1))]
    topic_of = lambda e: labels.of(labels.topics, e.topic)  # noqa: E731
    topics = _sum_by(events, TOPIC, lambda e: (topic_of(e),))
    topics_detail = _sum_by(events, TOPIC, lambda e: (
        topic_of(e), e.day.strftime("%Y-%m"), labels.municipality(e.municipality)))
    level_of = lambda e: labels.of(labels.levels, e.level)  # noqa: E731
    levels = _sum_by(events, AUDIT, lambda e: (level_of(e),))
    levels_detail = _sum_by(events, AUDIT, lambda e: (
        level_of(e), labels.municipality(e.municipality), labels.of(labels.modes, e.mode)))
    safety = [((labels.of(labels.tiers, tier),), sum(
        e.count for e in events if e.kind == CRISIS and e.level == tier))
        for tier in (CRISIS_ANSWER, CHECK_IN)]
    hidden = _sum_by(events, HIDDEN_HOMELESSNESS, lambda e: (e.topic,))
    safety += [((label,), hidden.get((source,), 0)) for source, label in labels.sources.items()]
    fallbacks = sum(e.count for e in events if e.kind == FALLBACK)
    answered = sum(topics.values())
    handled_days = _median_days(events)
    fallback_cell, answered_cell = total_cell([fallbacks]), total_cell([answered])
    percent = (round(100 * fallbacks / (fallbacks + answered), 1)
               if fallback_cell.shown and answered_cell.shown and fallbacks else None)
    created = total_cell([sum(e.count for e in events if e.kind == CONTACT_REQUEST)])
    handled = total_cell([len(handled_days)])
    median = (float(pystats.median(handled_days))
              if handled_days and not small(len(handled_days)) else None)
    by_count = sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))
    by_level = sorted(levels.items(), key=lambda kv: (-kv[1], kv[0]))
    return StatsReport(
        start=start, end=end,
        conversations=table("conversations", days, with_total=True),
        topics=table("topics", by_count, with_total=True),
        topics_detail=_detail("topics_detail", topics, topics_detail),
        levels=table("levels", by_level, with_total=True),
        levels_detail=_detail("levels_detail", levels, levels_detail),
        safety=table("safety", safety, with_total=False),
        fallback=Rate(fallback_cell, answered_cell, percent),
        contacts=Handling(created, handled, median),
        empty=not events,
    )


def report(db: Database, *, start: date, end: date, labels: Labels) -> StatsReport:
    """The suppressed report of the days from `start` to `end` (inclusive)."""
    return build_report(stats_events.list_between(db=db, start=start, end=end),
                        start=start, end=end, labels=labels)
