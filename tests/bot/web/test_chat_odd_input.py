"""`POST /api/chat` on input the fuzz found: deep nesting, lone surrogates, oversized bodies."""

import json

import pytest

from bot.web import chat
from tests.bot.web.conftest import SENDER


@pytest.mark.parametrize("depth", [1000, 16_000])
def test_deeply_nested_json_is_a_400_not_a_crash(client, fake_rasa, depth):
    response = client.post("/api/chat", content=b"[" * depth,
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_input"
    assert fake_rasa.received == []


def test_a_lone_surrogate_is_refused_as_invalid_input(client, fake_rasa):
    body = '{"sender": "' + SENDER + '", "message": "ap\\ud800ua"}'
    response = client.post("/api/chat", content=body.encode(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_input"
    assert fake_rasa.received == []


def test_a_surrogate_pair_is_an_ordinary_emoji(client, fake_rasa):
    body = '{"sender": "' + SENDER + '", "message": "moi \\ud83d\\ude00"}'
    response = client.post("/api/chat", content=body.encode(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert fake_rasa.received == [{"sender": SENDER, "message": "moi 😀"}]


def test_an_oversized_body_closes_the_connection(client):
    body = json.dumps({"sender": SENDER, "message": "a" * 100_000}).encode()
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.headers["connection"] == "close"


def test_button_payloads_are_built_once_while_the_questions_stay(client, fake_rasa, monkeypatch):
    calls = []
    build = chat.all_payloads
    monkeypatch.setattr(chat, "_payload_cache", {})
    monkeypatch.setattr(chat, "all_payloads", lambda *a: calls.append(1) or build(*a))
    for _ in range(3):
        assert client.post("/api/chat", json={"sender": SENDER, "message": "/greet"}).status_code \
            == 200
    assert len(calls) == 1
    assert [m["message"] for m in fake_rasa.received] == ["/greet"] * 3
