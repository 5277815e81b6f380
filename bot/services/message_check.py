"""Checks a chat message before it reaches Rasa: size, emptiness, binary junk, slash syntax."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass

SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Control characters other than tab and newlines mean binary data or a broken client.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode "tag" characters are invisible but spell ASCII text (U+E0020..U+E007E → " ".."~").
_TAGS = {code: code - 0xE0000 for code in range(0xE0020, 0xE007F)}
# Leading slashes (and spaces between them) make Rasa read a message as an intent payload.
_SLASH_PREFIX = re.compile(r"^[\s/]+")


def _without_format_characters(text: str) -> str:
    """Drop invisible format characters (zero-width spaces and joiners, bidi marks, tags)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


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
    text = _without_format_characters(unicodedata.normalize("NFC", message)).strip()
    if not text:
        return "", MessageProblem("empty", 400)
    if len(text) > max_chars:
        return "", MessageProblem("too_long", 413)
    return text, None


def readable_text(raw: str) -> str:
    """All the words a refused message carries, for the crisis check: invisible, control and
    compatibility characters normalised away (a refusal must never hide a crisis)."""
    text = unicodedata.normalize("NFKC", raw.translate(_TAGS))
    text = _CONTROL.sub(" ", _without_format_characters(text))
    return " ".join(text.split())


def screen_payload(text: str, own_payloads: Container[str]) -> tuple[str, bool]:
    """(text to forward, is it a payload of the bot's own buttons?).

    A button payload passes as it is. Any other slash syntax a person types (`/restart`,
    `/inform_kunta{"kunta": ...}`) goes to the NLU as plain words, without the slashes.
    """
    if not text.startswith("/"):
        return text, False
    if text in own_payloads:
        return text, True
    return _SLASH_PREFIX.sub("", text), False
