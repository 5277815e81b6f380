"""Base class of form validation: counts failed answers, explains again, answers digressions."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.store import database
from bot.services.button_payloads import choice_value
from bot.services.content import domain_default
from bot.services.form_crisis import crisis_response
from bot.services.topic_answers import digression_answer
from bot.services.topics import default_catalogue

FAILURES_SLOT = "form_failures"
DIGRESSION_CONFIDENCE = 0.6
# Topics that would start another flow; inside a form they are not digressions.
NOT_DIGRESSIONS = {"jalkautuva_tiimi", "human_handoff", "start_audit", "kriisi"}


class CountingFormValidator(FormValidationAction, ABC):
    """Shared behaviour of the forms' `validate_<slot>` methods."""

    @abstractmethod
    def name(self) -> str:
        """`validate_<form name>`."""

    @staticmethod
    def failures(tracker: Tracker) -> int:
        """How many answers in a row were not accepted for the current question."""
        return int(tracker.get_slot(FAILURES_SLOT) or 0)

    def accept(self, slot: str, value: Any) -> dict[str, Any]:
        """Fill the slot and reset the failure count."""
        return {slot: value, FAILURES_SLOT: 0.0}

    def reject(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        explanations: list[str],
    ) -> dict[str, Any]:
        """Explain again (a longer text from the second failure on); the form re-asks."""
        count = self.failures(tracker)
        dispatcher.utter_message(text=explanations[min(count, len(explanations) - 1)])
        return {slot: None, FAILURES_SLOT: float(count + 1)}

    @staticmethod
    def choice(tracker: Tracker, slot: str) -> str | None:
        """The value of the answer button clicked for `slot` (None when the answer was typed)."""
        return choice_value(tracker.latest_message, slot)

    @staticmethod
    def crisis_interrupts(
        dispatcher: CollectingDispatcher, tracker: Tracker, understood: bool
    ) -> str | None:
        """Crisis answer or check-in for a crisis message that is not a plain answer; its name."""
        response = crisis_response(tracker.latest_message, understood)
        if response:
            dispatcher.utter_message(response=response)
        return response

    @staticmethod
    def digression_topic(tracker: Tracker, min_confidence: float = DIGRESSION_CONFIDENCE):
        """The topic intent of the last message when it is a confident topic question."""
        intent = tracker.latest_message.get("intent") or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0)
        catalogue = default_catalogue()
        if name in catalogue.titles and name not in NOT_DIGRESSIONS:
            return name if confidence >= min_confidence else None
        return None

    def answer_digression(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, intent: str, resume_text: str
    ) -> None:
        """Answer a topic question briefly (text only), then say the form goes on."""
        municipality = tracker.get_slot("kunta")
        text = digression_answer(db=database(), intent=intent, municipality=municipality)
        if text is None:
            dispatcher.utter_message(response=domain_default(intent))
        else:
            dispatcher.utter_message(text=text)
        dispatcher.utter_message(text=resume_text)
