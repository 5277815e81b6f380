"""Talks to the Rasa server (REST channel) and checks the engine and action server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa could not be reached or answered with an error."""


# Clocks of the web app's and Rasa's machines may differ this much (NTP keeps them closer).
CLOCK_SLACK_S = 1.0


@dataclass(frozen=True)
class LastTurn:
    """The sender's last message as Rasa's tracker has it."""

    intent: str | None
    text: str | None
    event_time: float | None  # Unix time of the tracker's newest event

    def recorded(self, text: str, sent_at: float) -> bool:
        """False when the tracker shows that Rasa did not store `text` sent at `sent_at`.

        Rasa's REST channel answers 200 with no messages both when the action server is down
        (the message is stored) and when its own stores fail (Redis, PostgreSQL: nothing is)."""
        if self.text is not None and self.text.strip() != text.strip():
            return False
        return self.event_time is None or self.event_time >= sent_at - CLOCK_SLACK_S


class RasaClient:
    """Thin async client; one shared httpx connection pool per app."""

    def __init__(self, http: httpx.AsyncClient, rasa_url: str, actions_url: str, token: str):
        self._http = http
        self._rasa_url = rasa_url
        self._actions_url = actions_url
        self._token = token

    async def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        """Send one user message through the REST channel and return Rasa's messages."""
        try:
            response = await self._http.post(
                f"{self._rasa_url}/webhooks/rest/webhook",
                json={"sender": sender, "message": message},
            )
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        try:
            payload = response.json()
        except ValueError as exc:
            raise RasaUnavailable("invalid json") from exc
        if not isinstance(payload, list):
            raise RasaUnavailable("unexpected payload")
        return [item for item in payload if isinstance(item, dict)]

    async def latest_intent(self, sender: str) -> str | None:
        """The intent Rasa recognised in the sender's last message (HTTP API, token-protected)."""
        turn = await self.last_turn(sender)
        return turn.intent if turn else None

    async def last_turn(self, sender: str) -> LastTurn | None:
        """What Rasa stored of the sender's last message; None when the tracker is unreadable."""
        params = {"include_events": "NONE"}
        if self._token:
            params["token"] = self._token
        try:
            response = await self._http.get(
                f"{self._rasa_url}/conversations/{sender}/tracker", params=params, timeout=3
            )
            if response.status_code != 200:
                return None
            tracker = response.json()
            latest = tracker.get("latest_message") or {}
            intent = latest.get("intent") or {}
            name = intent.get("name") if isinstance(intent, dict) else None
            text, moment = latest.get("text"), tracker.get("latest_event_time")
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        return LastTurn(
            intent=str(name) if name else None,
            text=text if isinstance(text, str) else None,
            event_time=float(moment) if isinstance(moment, int | float) else None,
        )

    async def rasa_ok(self) -> bool:
        """True when Rasa answers and has a model loaded."""
        params = {"token": self._token} if self._token else None
        try:
            response = await self._http.get(f"{self._rasa_url}/status", params=params, timeout=3)
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def actions_ok(self) -> bool:
        """True when the action server answers its health endpoint."""
        try:
            response = await self._http.get(f"{self._actions_url}/health", timeout=3)
            return response.status_code == 200
        except httpx.HTTPError:
            return False
