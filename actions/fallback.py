"""Fallback that offers the likeliest topics as buttons instead of a dead end."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.services.topics import default_catalogue


class ActionFallbackTopics(Action):
    """Asks to rephrase and suggests the top topic intents of the last message."""

    def name(self) -> str:
        """Action name used in domain and rules."""
        return "action_fallback_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Send topic buttons, or a plain rephrase request when nothing is likely."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        buttons = default_catalogue().likeliest(ranking)
        if buttons:
            dispatcher.utter_message(
                response="utter_fallback_topics",
                buttons=[{"title": title, "payload": payload} for title, payload in buttons],
            )
        else:
            dispatcher.utter_message(response="utter_ask_rephrase")
        return []
