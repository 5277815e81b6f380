"""The chat page says how long a conversation is kept, from TRACKER_RETENTION_HOURS."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.web.main import create_app


def page_with(hours: str) -> str:
    settings = Settings(TRACKER_RETENTION_HOURS=hours)
    app = create_app(settings, transport=httpx.MockTransport(lambda r: httpx.Response(503)))
    with TestClient(app) as client:
        return client.get("/").text


def test_the_privacy_note_names_the_retention_of_the_settings():
    assert "säilytetään 24 tuntia viimeisestä viestistä" in page_with("24")
    assert "säilytetään 12 tuntia viimeisestä viestistä" in page_with("12")
    assert "{retention_hours}" not in page_with("24")
