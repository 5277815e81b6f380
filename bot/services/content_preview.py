"""Preview of an unsaved answer: the chat messages the bot would send, built the bot's way."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.services.answer_messages import services_municipality, topic_reply
from bot.services.content import Reply
from bot.services.dialogue_texts import DialogueTexts
from bot.services.topic_answers import municipality_question
from bot.services.topics import TopicCatalogue
from bot.store import services as service_store
from bot.store.db import Database
from bot.store.records import TopicAnswerRecord

# The chat widget's link rule (bot/web/static/chat.js, appendText): https addresses and the
# audit summary path become links; trailing punctuation stays text.
LINK_SPLIT = re.compile(r"(https://[^\s]+|/kartoitus/[A-Z0-9]+)")
TRAILING = re.compile(r"[.,;:)]+$")


def preview_replies(
    db: Database,
    *,
    intent: str,
    data: dict[str, Any],
    municipality: str | None,
    catalogue: TopicCatalogue,
    texts: DialogueTexts,
) -> list[Reply]:
    """What `action_answer_topic` would send for this (possibly unsaved) answer."""
    if data.get("needs_municipality") and not municipality:
        return [municipality_question(texts)]
    variants = data.get("variants") or {}
    record = TopicAnswerRecord(
        intent=intent,
        municipality=municipality or "",
        text=variants.get(municipality or "", "") or str(data.get("text", "")),
        sources=tuple(data.get("sources") or ()),
        checked=date.today(),
        next_steps=tuple(data.get("next_steps") or ()),
        service_categories=tuple(data.get("services") or ()),
        needs_municipality=bool(data.get("needs_municipality")),
        offers_contact=bool(data.get("offers_contact")),
    )
    services = service_store.list(db=db, municipality=services_municipality(municipality),
                                  categories=record.service_categories)
    return topic_reply(record, municipality, services, catalogue, texts)


def message_parts(text: str) -> list[tuple[str, str]]:
    """("text", words) and ("link", url) parts of a message, split as the chat widget does."""
    parts: list[tuple[str, str]] = []
    for part in LINK_SPLIT.split(text):
        if not part:
            continue
        if LINK_SPLIT.fullmatch(part):
            url = TRAILING.sub("", part)
            parts.append(("link", url))
            if len(url) < len(part):
                parts.append(("text", part[len(url):]))
        else:
            parts.append(("text", part))
    return parts
