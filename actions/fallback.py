"""Fallback ladder: likeliest topics, then a rephrase request, then a way to reach a human."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.messages import button_dicts
from actions.stats import record_fallback
from actions.store import database
from bot.services import inbox
from bot.services.topics import default_catalogue

logger = logging.getLogger(__name__)

COUNT_SLOT = "fallback_count"


class ActionFallbackTopics(Action):
    """One step of the ladder per unclear message in a row; stores the message for admins."""

    def name(self) -> str:
        """Action name used in domain, rules and the RulePolicy core fallback."""
        return "action_fallback_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Suggest topics, ask to rephrase, or offer contact, by how many misses in a row."""
        catalogue = default_catalogue()
        texts = catalogue.fallback
        ranking = tracker.latest_message.get("intent_ranking") or []
        misses = int(tracker.get_slot(COUNT_SLOT) or 0)
        record_fallback()
        store_unanswered(tracker.latest_message.get("text") or "", ranking)
        likely = catalogue.likeliest(ranking)
        if misses == 0 and likely:
            dispatcher.utter_message(text=texts.suggest_topics, buttons=button_dicts(likely))
        elif misses <= 1:
            common = [catalogue.button(t) for t in texts.rephrase_topics]
            dispatcher.utter_message(text=texts.rephrase, buttons=button_dicts(common))
        else:
            contact = [catalogue.button(t) for t in texts.offer_contact_topics]
            dispatcher.utter_message(text=texts.offer_contact, buttons=button_dicts(contact))
        return [SlotSet(COUNT_SLOT, float(misses + 1))]


def store_unanswered(text: str, ranking: list[dict], reason: str = "fallback") -> None:
    """Keep the masked text and ranking (no sender id); a database fault never breaks a reply."""
    try:
        inbox.record(db=database(), text=text, ranking=ranking, reason=reason)
    except SQLAlchemyError as exc:
        logger.warning("unanswered message not stored (%s)", type(exc).__name__)
