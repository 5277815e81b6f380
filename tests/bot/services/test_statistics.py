"""Statistics use case: suppression, the report, counting without identifiers, retention."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from bot.config import Settings
from bot.services import statistics
from bot.services.auth import Identity
from bot.services.queue import change_status
from bot.services.retention import purge
from bot.services.stats_csv import report_csv
from bot.services.stats_tables import HIDDEN, SHOWN, SMALL, protect
from bot.store import stats_events
from bot.store.db import Database, make_engine
from bot.store.models import ContactRequest, utc_now
from bot.web.routes.deps import load_staff_texts
from tests.staff import add_request, fresh_db

DAY = date(2026, 11, 26)
LABELS = statistics.Labels(
    topics={"vuokrarasti": "Vuokrarästit", "piiloasunnottomuus": "Asun kaverin luona"},
    levels={"korkea": "Korkea riski"}, modes={"itse": "Asukas itse"},
    tiers={"kriisivastaus": "Kriisivastaus", "tarkistus": "Tarkistus"},
    sources={"piiloasunnottomuus": "Kysymys", "kartoitus": "Kartoitus"},
    no_municipality="ei kuntaa")


def _states(values, total_public=True):
    return [c.state for c in protect(values, total_public)]


def test_small_cells_are_suppressed_and_zero_and_five_are_shown():
    assert _states([0, 1, 4, 5, 30], total_public=False) == [SHOWN, SMALL, SMALL, SHOWN, SHOWN]


def test_a_lone_small_cell_is_not_recoverable_from_the_total():
    assert _states([2, 7, 12]) == [SMALL, HIDDEN, SHOWN]


def test_two_small_cells_adding_up_to_less_than_five_hide_one_more():
    # 1 + 1 = 2 with both >= 1 would reveal both as 1.
    assert _states([1, 1, 6, 9]) == [SMALL, SMALL, HIDDEN, SHOWN]


def test_small_cells_adding_up_to_five_need_nothing_more():
    assert _states([2, 3, 6]) == [SMALL, SMALL, SHOWN]


def _event(kind, count, **fields):
    values = {"topic": "", "municipality": "", "level": "", "mode": "", "handling_days": 0,
              **fields}
    return stats_events.EventCount(fields.pop("day", DAY), kind, values["topic"],
                                   values["municipality"], values["level"], values["mode"],
                                   values["handling_days"], count)


def test_report_tables_rate_and_median():
    events = [
        _event(statistics.CONVERSATION, 12),
        _event(statistics.TOPIC, 8, topic="vuokrarasti", municipality="Tuusula"),
        _event(statistics.TOPIC, 9, topic="piiloasunnottomuus"),
        _event(statistics.FALLBACK, 3),
        _event(statistics.CRISIS, 6, level=statistics.CRISIS_ANSWER),
        _event(statistics.CRISIS, 1, level=statistics.CHECK_IN),
        _event(statistics.HIDDEN_HOMELESSNESS, 9, topic="piiloasunnottomuus"),
        *[_event(statistics.CONTACT_HANDLED, 1, handling_days=d) for d in (0, 1, 2, 3, 9)],
        _event(statistics.CONTACT_REQUEST, 4, municipality="Tuusula"),
    ]
    report = statistics.build_report(events, start=DAY - timedelta(days=1), end=DAY,
                                     labels=LABELS)
    assert [(r.labels, r.cell.value) for r in report.conversations.rows] == [
        (("2026-11-25",), 0), (("2026-11-26",), 12)]
    assert [r.labels for r in report.topics.rows] == [("Asun kaverin luona",), ("Vuokrarästit",)]
    assert report.topics.total.value == 17
    assert [r.labels for r in report.topics_detail.rows] == [
        ("Asun kaverin luona", "2026-11", "ei kuntaa"), ("Vuokrarästit", "2026-11", "Tuusula")]
    safety = {r.labels[0]: r.cell.state for r in report.safety.rows}
    assert safety == {"Kriisivastaus": SHOWN, "Tarkistus": SMALL, "Kysymys": SHOWN,
                      "Kartoitus": SHOWN}
    # 3 fallbacks is a small count: neither it nor a rate computed from it is shown.
    assert report.fallback.fallbacks.state == SMALL and report.fallback.percent is None
    assert report.contacts.median_days == 2.0 and report.contacts.handled.value == 5
    assert report.contacts.created.state == SMALL


def test_fallback_rate_is_the_share_of_unclear_messages():
    events = [_event(statistics.FALLBACK, 5), _event(statistics.TOPIC, 15, topic="vuokrarasti")]
    report = statistics.build_report(events, start=DAY, end=DAY, labels=LABELS)
    assert report.fallback.percent == 25.0


def test_csv_prints_no_suppressed_number():
    texts = load_staff_texts(Settings().staff_content_path)["admin_stats"]
    events = [_event(statistics.TOPIC, 3, topic="vuokrarasti", municipality="Kerava"),
              _event(statistics.TOPIC, 11, topic="vuokrarasti", municipality="Tuusula")]
    report = statistics.build_report(events, start=DAY, end=DAY, labels=LABELS)
    body = report_csv(report, texts)
    assert ";14" in body and "< 5" in body and "piilotettu" in body
    assert ";3\n" not in body.replace("\r", "") and ";11" not in body


def test_conversation_counter_counts_a_sender_once_a_day_and_keeps_no_id():
    days = iter([DAY, DAY, DAY, DAY + timedelta(days=1)])
    counter = statistics.ConversationCounter(clock=lambda: next(days))
    sender = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
    assert counter.first_today(sender) is True
    assert counter.first_today(sender) is False
    assert counter.first_today("toinen-keskustelu-0123456789abcdef") is True
    assert counter.first_today(sender) is True  # a new day
    assert all(sender.encode() not in digest for digest in counter._seen)


def test_record_with_the_database_down_logs_the_kind_only_and_returns_false(tmp_path, caplog):
    down = Database(make_engine(f"sqlite:///{tmp_path}/missing/dir/stats.db"))
    with caplog.at_level(logging.WARNING):
        assert statistics.record(down, statistics.TOPIC, topic="vuokrarasti",
                                 municipality="Tuusula") is False
    assert "topic" in caplog.text and "Tuusula" not in caplog.text


def test_record_counts_on_both_databases(database_url):
    db = fresh_db(database_url)
    assert statistics.record(db, statistics.CONVERSATION, day=DAY)
    assert statistics.record(db, statistics.CONVERSATION, day=DAY)
    rows = stats_events.list_between(db=db, start=DAY, end=DAY)
    assert [(r.kind, r.count) for r in rows] == [("conversation", 2)]
    db.engine.dispose()


def test_handling_a_request_counts_whole_days_once(database_url):
    db = fresh_db(database_url)
    code = add_request(db, municipality="Kerava")
    with db.session() as session:
        session.execute(update(ContactRequest).where(ContactRequest.reference == code)
                        .values(created_at=utc_now() - timedelta(days=3, hours=5)))
    me = Identity(id=1, email="tiina@keusote.example", roles=("ammattilainen",),
                  csrf_token="x", token="y")
    assert change_status(db, reference=code, status="hoidettu", note="", identity=me) is None
    assert change_status(db, reference=code, status="hoidettu", note="", identity=me) is None
    today = statistics.today()
    rows = stats_events.list_between(db=db, start=today - timedelta(days=1), end=today,
                                     kinds=[statistics.CONTACT_HANDLED])
    assert [(r.municipality, r.handling_days, r.count) for r in rows] == [("Kerava", 3, 1)]
    db.engine.dispose()


@pytest.mark.parametrize("age_days, kept", [(1097, False), (1095, True)])
def test_purge_deletes_statistics_older_than_their_retention(database_url, age_days, kept):
    db = fresh_db(database_url)
    now = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
    statistics.record(db, statistics.CONVERSATION, day=now.date() - timedelta(days=age_days))
    purge(db, retention_days=30, now=now, stats_retention_days=1096)
    left = stats_events.list_between(db=db, start=date(2000, 1, 1), end=now.date())
    assert bool(left) is kept
    db.engine.dispose()


def test_default_retention_is_about_three_years():
    assert Settings().stats_retention_days == 1096
