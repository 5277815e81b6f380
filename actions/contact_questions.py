"""The contact form's questions as `action_ask_<slot>` actions (texts live in dialogue.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_action import AskSlotAction
from actions.messages import button_dicts
from bot.services.answer_messages import municipality_buttons
from bot.services.button_payloads import choice_buttons
from bot.services.dialogue_texts import default_dialogue_texts


class AskContactQuestion(AskSlotAction):
    """Asks one question of yhteydenotto_form with its buttons."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Send the question; municipality questions get the municipality buttons."""
        texts = default_dialogue_texts()
        question = texts.questions[self.slot]
        if question.get("municipality_buttons"):
            buttons = button_dicts(municipality_buttons(texts))
        else:
            buttons = button_dicts(choice_buttons(self.slot, question.get("buttons") or []))
        dispatcher.utter_message(text=question["text"], buttons=buttons)
        return []


class AskContact(AskContactQuestion):
    """Phone number or e-mail."""

    slot = "yhteystieto"


class AskMunicipality(AskContactQuestion):
    """Municipality (skipped when already known)."""

    slot = "kunta"


class AskBestTime(AskContactQuestion):
    """Best time to call."""

    slot = "paras_aika"


class AskSituation(AskContactQuestion):
    """A few optional words about the situation."""

    slot = "tilanne"


class AskConsent(AskContactQuestion):
    """Explicit consent to store and pass on."""

    slot = "suostumus"
