"""Fallback that offers the likeliest topics as buttons instead of a dead end."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.services.topics import default_catalogue


def _as_buttons(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in pairs]


class ActionFallbackTopics(Action):
    """Suggests the top topic intents of the last message, or asks to rephrase."""

    def name(self) -> str:
        """Action name used in domain, rules and the RulePolicy core fallback."""
        return "action_fallback_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Send topic buttons, or a rephrase request with common topics."""
        catalogue = default_catalogue()
        ranking = tracker.latest_message.get("intent_ranking") or []
        likely = catalogue.likeliest(ranking)
        if likely:
            dispatcher.utter_message(
                text=catalogue.fallback.suggest_topics, buttons=_as_buttons(likely)
            )
        else:
            common = [catalogue.button(t) for t in catalogue.fallback.rephrase_topics]
            dispatcher.utter_message(text=catalogue.fallback.rephrase, buttons=_as_buttons(common))
        return []
