"""Rasa answers 200 with no messages both when the action server is down and when its own
Redis or database is: the web app tells the two apart by what the tracker stored."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.services.content import WebTexts
from bot.web.main import create_app
from bot.web.rasa_client import LastTurn

SENDER = "f0e1d2c3b4a5968778695a4b3c2d1e0f"


def test_a_turn_is_recorded_only_with_the_same_text_and_a_new_event():
    now = time.time()
    assert LastTurn("asumistuki", "asumistuki?", now).recorded("asumistuki?", now - 0.2)
    assert LastTurn("asumistuki", None, None).recorded("mitä vaan", now)
    assert not LastTurn("greet", "moi", now).recorded("asumistuki?", now)
    assert not LastTurn("asumistuki", "asumistuki?", now - 30).recorded("asumistuki?", now)


class StoresDown:
    """Rasa whose lock store fails: no messages, and the tracker still shows the old turn."""

    def __init__(self, tracker_status: int = 200) -> None:
        self.tracker_status = tracker_status

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/tracker"):
            latest = {"intent": {"name": "asumistuki"}, "text": "asumistuki?"}
            return httpx.Response(self.tracker_status, json={
                "latest_message": latest, "latest_event_time": time.time() - 120})
        return httpx.Response(200, json=[])


@pytest.mark.parametrize("tracker_status", [200, 500])
def test_a_message_rasa_did_not_store_gets_the_degraded_answer_and_crisis_lines(tracker_status):
    app = create_app(Settings(), transport=httpx.MockTransport(StoresDown(tracker_status)))
    texts = WebTexts.from_file(Settings().web_content_path)
    with TestClient(app) as client:
        body = client.post("/api/chat", json={"sender": SENDER, "message": "vuokrat rästissä"})
        assert body.json()["degraded"] is True
        assert [m["text"] for m in body.json()["messages"]] == [texts.degraded]
        crisis = client.post("/api/chat", json={"sender": SENDER, "message": "haluan kuolla"})
        assert crisis.json()["degraded"] is True
        assert "112" in crisis.json()["messages"][0]["text"]
        assert crisis.json()["messages"][0]["text"] != texts.degraded
