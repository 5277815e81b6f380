"""Talks to the Rasa server (REST channel) and checks the engine and action server."""

from __future__ import annotations

from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa could not be reached or answered with an error."""


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
        params = {"include_events": "NONE"}
        if self._token:
            params["token"] = self._token
        try:
            response = await self._http.get(
                f"{self._rasa_url}/conversations/{sender}/tracker", params=params, timeout=3
            )
            if response.status_code != 200:
                return None
            intent = (response.json().get("latest_message") or {}).get("intent") or {}
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        name = intent.get("name") if isinstance(intent, dict) else None
        return str(name) if name else None

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
