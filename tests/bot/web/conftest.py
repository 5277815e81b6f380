"""A web app wired to a fake Rasa (httpx.MockTransport), so proxy paths can be tested."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.web.main import create_app

SENDER = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeRasa:
    """Answers like Rasa's REST channel; `mode` switches failure kinds."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.received: list[dict] = []
        self.reply: list[dict] = [{"recipient_id": SENDER, "text": "Vastaus", "buttons": []}]
        self.latest_intent: str | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.mode == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if self.mode == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if self.mode == "error":
            return httpx.Response(500, json={"message": "boom"})
        if self.mode == "garbage":
            return httpx.Response(200, content=b"<html>not json</html>")
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "asumisbotti.tar.gz"})
        if request.url.path.endswith("/tracker"):
            assert request.url.params.get("include_events") == "NONE"
            latest = {"intent": {"name": self.latest_intent}}
            return httpx.Response(200, json={"latest_message": latest})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        self.received.append(json.loads(request.content))
        return httpx.Response(200, json=self.reply)


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client(fake_rasa: FakeRasa) -> Iterator[TestClient]:
    settings = Settings(rate_limit_per_minute=5)
    app = create_app(settings, transport=httpx.MockTransport(fake_rasa))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
