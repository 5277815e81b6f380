"""The action server's statistics events; counting never breaks or delays a reply's content."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from actions.store import database
from bot.services import statistics
from bot.services.topic_answers import ANSWER, DOMAIN_DEFAULT, TopicOutcome

logger = logging.getLogger(__name__)

HIDDEN_HOMELESSNESS_INTENT = "piiloasunnottomuus"
# The audit answer that is hidden homelessness: staying with a friend or relative for lack of
# anything else (data/content/audit.yml).
HIDDEN_HOMELESSNESS_ANSWER = ("k01_asuminen", "kaverin_luona")
AUDIT_SOURCE = "kartoitus"


def _record(kind: str, **fields: Any) -> None:
    try:
        statistics.record(database(), kind, **fields)
    except Exception as exc:  # noqa: BLE001 - statistics must never break a reply
        logger.warning("statistics event %s not counted (%s)", kind, type(exc).__name__)


def record_topic(outcome: TopicOutcome, municipality: str | None) -> None:
    """An answered topic (stored or default text) and, for its intent, hidden homelessness."""
    if outcome.kind not in (ANSWER, DOMAIN_DEFAULT):
        return
    _record(statistics.TOPIC, topic=outcome.intent, municipality=municipality or "")
    if outcome.intent == HIDDEN_HOMELESSNESS_INTENT:
        _record(statistics.HIDDEN_HOMELESSNESS, topic=outcome.intent,
                municipality=municipality or "")


def record_audit(level: str, municipality: str | None, mode: str,
                 answers: Mapping[str, Any]) -> None:
    """A completed audit; hidden homelessness when its housing answer says so."""
    _record(statistics.AUDIT, level=level, municipality=municipality or "", mode=mode)
    question, option = HIDDEN_HOMELESSNESS_ANSWER
    if answers.get(question) == option:
        _record(statistics.HIDDEN_HOMELESSNESS, topic=AUDIT_SOURCE,
                municipality=municipality or "", mode=mode)


def record_fallback() -> None:
    """The bot did not understand a message."""
    _record(statistics.FALLBACK)


def record_contact_request(municipality: str) -> None:
    """A consented contact request was stored."""
    _record(statistics.CONTACT_REQUEST, municipality=municipality)
