"""Use case: answer a topic question (ask the municipality first, answer, or fall back)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from bot.municipalities import OTHER_MUNICIPALITY
from bot.services.answer_messages import municipality_buttons, services_municipality, topic_reply
from bot.services.contact_details import normalise_municipality
from bot.services.content import Reply
from bot.services.dialogue_texts import DialogueTexts
from bot.services.topics import TopicCatalogue
from bot.store import services as service_store
from bot.store import topic_answers
from bot.store.db import Database

logger = logging.getLogger(__name__)

ASK_MUNICIPALITY = "ask_municipality"
ASK_AGAIN = "ask_again"  # the municipality answer named none of ours
ANSWER = "answer"
DOMAIN_DEFAULT = "domain_default"
MUNICIPALITY_NOTED = "municipality_noted"


@dataclass(frozen=True)
class TopicOutcome:
    """What the bot does with a topic: `kind` is one of the constants above."""

    kind: str
    intent: str
    replies: tuple[Reply, ...] = ()
    offers_contact: bool = False


def municipality_question(texts: DialogueTexts) -> Reply:
    """The municipality question with one button per municipality and "other"."""
    return Reply(texts.municipality["ask"], municipality_buttons(texts))


def answer_topic(
    *,
    db: Database,
    intent: str,
    municipality: str | None,
    catalogue: TopicCatalogue,
    texts: DialogueTexts,
) -> TopicOutcome:
    """The stored answer with local services; the municipality question when it is local."""
    try:
        answer = topic_answers.get(db=db, intent=intent, municipality=municipality)
        if answer is None:
            raise LookupError(intent)
        if answer.needs_municipality and not municipality:
            return TopicOutcome(ASK_MUNICIPALITY, intent, (municipality_question(texts),))
        services = service_store.list(
            db=db,
            municipality=services_municipality(municipality),
            categories=answer.service_categories,
        )
    except (SQLAlchemyError, LookupError) as exc:
        # The domain keeps a short default answer for every topic.
        logger.warning("content store unavailable (%s); domain default", type(exc).__name__)
        return TopicOutcome(DOMAIN_DEFAULT, intent)
    replies = topic_reply(answer, municipality, services, catalogue, texts)
    return TopicOutcome(ANSWER, intent, tuple(replies), answer.offers_contact)


def municipality_turn(
    *,
    db: Database,
    named: Sequence[str],
    pending_topic: str | None,
    last_topic: str | None,
    municipality: str | None,
    catalogue: TopicCatalogue,
    texts: DialogueTexts,
) -> TopicOutcome:
    """After a municipality answer: ask again, answer the pending topic, or confirm it."""
    # "Change municipality", or a name that is none of ours: ask with the buttons.
    if not any(normalise_municipality(name) for name in named):
        topic = pending_topic or last_topic or ""
        return TopicOutcome(ASK_AGAIN, topic, (municipality_question(texts),))
    if pending_topic:
        return answer_topic(
            db=db, intent=pending_topic, municipality=municipality,
            catalogue=catalogue, texts=texts,
        )
    if municipality == OTHER_MUNICIPALITY:
        text = texts.municipality["other"]
    else:
        text = texts.municipality["saved"].format(genitive=texts.genitive(str(municipality)))
    return TopicOutcome(MUNICIPALITY_NOTED, "", (Reply(text),))


def digression_answer(*, db: Database, intent: str, municipality: str | None) -> str | None:
    """The stored answer text of a topic asked inside a form; None means the domain default."""
    try:
        answer = topic_answers.get(db=db, intent=intent, municipality=municipality)
    except SQLAlchemyError:
        return None
    return answer.text if answer else None
