"""The chat proxy counts conversations (once a sender a day) and crisis answers, anonymously."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.services import statistics
from bot.services.content import load_domain_response
from bot.store import stats_events
from bot.web.main import create_app
from tests.bot.web.conftest import SENDER, FakeRasa
from tests.staff import fresh_db

OTHER = "ffffeeeeddddccccbbbbaaaa99998888"


def _app(url, fake):
    return create_app(Settings(database_url=url, notify_interval_s=3600.0),
                      transport=httpx.MockTransport(fake))


def _counts(db, expected, timeout=5.0):
    """Poll: the events are written by a worker thread after the reply."""
    deadline = time.monotonic() + timeout
    while True:
        day = statistics.today()
        rows = stats_events.list_between(db=db, start=day, end=day)
        counts = {(r.kind, r.level): r.count for r in rows}
        if counts == expected or time.monotonic() > deadline:
            return counts
        time.sleep(0.05)


def test_conversations_are_counted_once_per_sender_and_crisis_answers_by_tier(database_url):
    db = fresh_db(database_url)
    fake = FakeRasa()
    crisis = load_domain_response(Settings().domain_path, "utter_kriisi").text
    check_in = load_domain_response(Settings().domain_path, "utter_tarkistuskysymys").text
    with TestClient(_app(database_url, fake)) as client:
        for sender in (SENDER, SENDER, OTHER):
            assert client.post("/api/chat", json={"sender": sender, "message": "moi"}
                               ).status_code == 200
        fake.reply = [{"recipient_id": SENDER, "text": crisis}]
        client.post("/api/chat", json={"sender": SENDER, "message": "en jaksa enää"})
        fake.reply = [{"recipient_id": SENDER, "text": check_in}]
        client.post("/api/chat", json={"sender": SENDER, "message": "kaikki on raskasta"})
        expected = {("conversation", ""): 2, ("crisis", "kriisivastaus"): 1,
                    ("crisis", "tarkistus"): 1}
        assert _counts(db, expected) == expected
    db.engine.dispose()


def test_crisis_answer_added_by_the_web_app_is_counted_when_rasa_is_down(tmp_path):
    url = f"sqlite:///{tmp_path / 'stats.db'}"
    db = fresh_db(url)
    fake = FakeRasa()
    fake.mode = "down"
    with TestClient(_app(url, fake)) as client:
        body = client.post("/api/chat", json={"sender": SENDER,
                                              "message": "haluan tappaa itseni"}).json()
        assert body["degraded"] is True
        expected = {("conversation", ""): 1, ("crisis", "kriisivastaus"): 1}
        assert _counts(db, expected) == expected
    db.engine.dispose()


@pytest.mark.parametrize("message", ["moi", "haluan tappaa itseni"])
def test_replies_are_unchanged_when_the_statistics_database_is_down(tmp_path, caplog, message):
    fake = FakeRasa()
    url = f"sqlite:///{tmp_path}/no/such/dir/stats.db"
    with TestClient(_app(url, fake), raise_server_exceptions=False) as client:
        response = client.post("/api/chat", json={"sender": SENDER, "message": message})
        assert response.status_code == 200 and response.json()["messages"]
        deadline = time.monotonic() + 5
        while "not stored" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "statistics event conversation not stored" in caplog.text
    assert message not in caplog.text and SENDER not in caplog.text
