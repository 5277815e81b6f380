"""Checks a chat message before it reaches Rasa: size, emptiness and binary junk."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Control characters other than tab and newlines mean binary data or a broken client.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class MessageProblem:
    """Why a message was refused: an error code (key in web content) and an HTTP status."""

    code: str
    status: int


def check_sender(sender: object) -> MessageProblem | None:
    """A sender id is a random token from the widget; anything else is refused."""
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return MessageProblem("invalid_sender", 400)
    return None


def clean_message(message: object, max_chars: int) -> tuple[str, MessageProblem | None]:
    """Return the normalised message, or the problem that stops it from being sent."""
    if not isinstance(message, str):
        return "", MessageProblem("invalid_input", 400)
    if _CONTROL.search(message) or "\ufffd" in message:
        return "", MessageProblem("invalid_input", 400)
    text = unicodedata.normalize("NFC", message).strip()
    if not text:
        return "", MessageProblem("empty", 400)
    if len(text) > max_chars:
        return "", MessageProblem("too_long", 413)
    return text, None
