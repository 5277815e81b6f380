"""Answers every topic from the content store, asking the municipality where it matters."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.messages import button_dicts, send_replies
from actions.store import repository
from bot.municipalities import OTHER_MUNICIPALITY
from bot.services.answer_messages import (
    municipality_buttons,
    services_municipality,
    topic_reply,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue

logger = logging.getLogger(__name__)

INFORM_MUNICIPALITY = "inform_kunta"


class ActionAnswerTopic(Action):
    """One action for all topic intents and for the municipality answer."""

    def name(self) -> str:
        """Action name used in domain and rules."""
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Answer the topic of the last message (or the pending one after a municipality)."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        municipality = tracker.get_slot("kunta")
        if intent == INFORM_MUNICIPALITY:
            return self._municipality_turn(dispatcher, tracker, municipality)
        return answer_topic(dispatcher, str(intent), municipality)

    def _municipality_turn(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, municipality: str | None
    ) -> list[dict[str, Any]]:
        texts = default_dialogue_texts()
        pending = tracker.get_slot("pending_topic")
        entities = tracker.latest_message.get("entities") or []
        if not any(e.get("entity") == "kunta" for e in entities):
            ask_municipality(dispatcher)
            last = tracker.get_slot("last_topic")
            return [SlotSet("pending_topic", pending or last)]
        if pending:
            return answer_topic(dispatcher, pending, municipality)
        if municipality == OTHER_MUNICIPALITY:
            dispatcher.utter_message(text=texts.municipality["other"])
        else:
            dispatcher.utter_message(
                text=texts.municipality["saved"].format(genitive=texts.genitive(municipality))
            )
        return []


def ask_municipality(dispatcher: CollectingDispatcher) -> None:
    """The municipality question with one button per municipality and "other"."""
    texts = default_dialogue_texts()
    dispatcher.utter_message(
        text=texts.municipality["ask"],
        buttons=button_dicts(municipality_buttons(texts)),
    )


def answer_topic(
    dispatcher: CollectingDispatcher, intent: str, municipality: str | None
) -> list[dict[str, Any]]:
    """Send the stored answer; ask the municipality first when the answer is local."""
    catalogue, texts = default_catalogue(), default_dialogue_texts()
    reset = [SlotSet("fallback_count", 0.0), SlotSet("contact_offered", False)]
    try:
        answer = repository().answer(intent, municipality)
        if answer is None:
            raise LookupError(intent)
        if answer.needs_municipality and not municipality:
            ask_municipality(dispatcher)
            return [*reset, SlotSet("pending_topic", intent)]
        services = repository().services(
            services_municipality(municipality), answer.service_categories
        )
    except (SQLAlchemyError, LookupError) as exc:
        # The domain keeps a short default answer for every topic.
        logger.warning("content store unavailable (%s); domain default", type(exc).__name__)
        dispatcher.utter_message(response=f"utter_{intent}")
        return [
            *reset,
            SlotSet("pending_topic", None),
            SlotSet("last_topic", intent),
            SlotSet("sisalto_saatavilla", False),
        ]
    send_replies(dispatcher, topic_reply(answer, municipality, services, catalogue, texts))
    return [
        *reset,
        SlotSet("pending_topic", None),
        SlotSet("last_topic", intent),
        SlotSet("contact_offered", answer.offers_contact),
    ]
