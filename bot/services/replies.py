"""Decides what the user sees: Rasa's replies, with the crisis answer always first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.safety.crisis import CrisisDetector
from bot.services.content import Reply


def replies_from_rasa(payload: Iterable[dict[str, Any]]) -> list[Reply]:
    """Keep the parts of Rasa REST messages that the widget can show."""
    replies = []
    for item in payload:
        text = str(item.get("text") or "").strip()
        buttons = tuple(
            (str(b.get("title", "")), str(b.get("payload", "")))
            for b in item.get("buttons") or []
            if b.get("title") and b.get("payload")
        )
        if text or buttons:
            replies.append(Reply(text=text, buttons=buttons))
    return replies


def crisis_first(
    message: str, replies: list[Reply], detector: CrisisDetector, crisis: Reply
) -> list[Reply]:
    """Put the crisis answer first whenever the message is a crisis, whatever Rasa said."""
    if detector.detect(message) is None:
        return replies
    others = [r for r in replies if r.text != crisis.text]
    return [crisis, *others]
