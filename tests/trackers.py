"""Builds rasa_sdk trackers for action tests."""

from __future__ import annotations

from rasa_sdk import Tracker


def tracker(
    intent: str,
    text: str = "viesti",
    slots: dict | None = None,
    entities: list[dict] | None = None,
    confidence: float = 0.95,
    ranking: list[dict] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    """A tracker whose last user message has `intent`, `text` and `entities`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
    }
    loop = {"name": active_loop} if active_loop else {}
    return Tracker("test-sender", slots or {}, latest, [], False, None, loop, "action_listen")
