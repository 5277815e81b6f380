"""Statistics counters: one row per day and combination, counted up; no identifiers."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from bot.store import stats_events
from bot.store.models import StatsEvent

DAY = date(2026, 11, 26)
# The only columns an event may have: what happened, to what, where, and the day.
ALLOWED_COLUMNS = {"day", "kind", "topic", "municipality", "level", "mode", "handling_days",
                   "count"}


def test_same_event_twice_is_one_counter_of_two(db):
    for _ in range(2):
        stats_events.create(db=db, kind="topic", day=DAY, topic="vuokrarasti",
                            municipality="Tuusula")
    stats_events.create(db=db, kind="topic", day=DAY, topic="vuokrarasti", municipality="Kerava")
    rows = stats_events.list_between(db=db, start=DAY, end=DAY)
    counts = {(r.topic, r.municipality): r.count for r in rows}
    assert counts == {("vuokrarasti", "Tuusula"): 2, ("vuokrarasti", "Kerava"): 1}


def test_list_between_is_inclusive_and_filters_kinds(db):
    for day in (date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 1)):
        stats_events.create(db=db, kind="conversation", day=day)
    stats_events.create(db=db, kind="fallback", day=date(2026, 11, 2))
    rows = stats_events.list_between(db=db, start=date(2026, 11, 1), end=date(2026, 11, 30),
                                     kinds=["conversation"])
    assert [r.day for r in rows] == [date(2026, 11, 1), date(2026, 11, 30)]


def test_long_values_are_cut_to_the_column(db):
    stats_events.create(db=db, kind="topic", day=DAY, topic="x" * 300, municipality="y" * 300)
    row = stats_events.list_between(db=db, start=DAY, end=DAY)[0]
    assert (len(row.topic), len(row.municipality)) == (64, 32)


def test_delete_before_removes_only_older_days(db):
    stats_events.create(db=db, kind="conversation", day=date(2023, 11, 25))
    stats_events.create(db=db, kind="conversation", day=date(2023, 11, 26))
    with db.session() as session:
        assert stats_events.delete_before(session=session, day=date(2023, 11, 26)) == 1
    assert [r.day for r in stats_events.list_between(
        db=db, start=date(2000, 1, 1), end=DAY)] == [date(2023, 11, 26)]


def test_events_table_has_no_identifier_text_or_time_of_day(db):
    columns = sa.inspect(db.engine).get_columns("stats_events")
    assert {c["name"] for c in columns} == ALLOWED_COLUMNS
    types = {c["name"]: c["type"] for c in columns}
    assert isinstance(types["day"], sa.Date) and not isinstance(types["day"], sa.DateTime)
    assert not any(isinstance(t, sa.DateTime | sa.Text | sa.JSON) for t in types.values())
    assert {c.name for c in StatsEvent.__table__.columns} == ALLOWED_COLUMNS
    # No row id either: a sequence number would link events of one conversation.
    assert not any(c.get("autoincrement") is True for c in columns)
