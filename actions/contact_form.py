"""Contact request to the outreach team: validation, submit, cancel, decline."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_validation import FAILURES_SLOT, CountingFormValidator
from actions.stats import record_contact_request
from actions.store import database
from bot.services.button_payloads import choice_values, is_choice
from bot.services.contact_details import normalise_contact, normalise_municipality
from bot.services.contact_requests import (
    SKIPPED,
    ContactInput,
    best_time_choice,
    best_time_typed,
    situation_to_store,
    situation_typed,
    submit_request,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.form_crisis import few_words

FORM_SLOTS = ("yhteystieto", "paras_aika", "tilanne", "suostumus")


def _texts() -> dict[str, Any]:
    return default_dialogue_texts().contact


def _questions() -> dict[str, dict[str, Any]]:
    return default_dialogue_texts().questions


def clear_form_slots() -> list[dict[str, Any]]:
    """Forget everything the form collected (after submit, cancel or no consent)."""
    events = [SlotSet(slot, None) for slot in FORM_SLOTS]
    return [*events, SlotSet(FAILURES_SLOT, 0.0), SlotSet("contact_offered", False)]


class ValidateContactForm(CountingFormValidator):
    """Checks each answer of `yhteydenotto_form`; topic questions are answered on the way."""

    def name(self) -> str:
        """Validation action of yhteydenotto_form."""
        return "validate_yhteydenotto_form"

    def _answer_or_reject(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        answer: str | None,
        explanations: list[str],
        plain: bool = True,
    ) -> dict[str, Any]:
        """Accept a parsed answer; else the crisis answer, a topic answer, or explain again.

        `plain`: the message is nothing but the answer, so a crisis-classified one is taken."""
        if self.crisis_interrupts(dispatcher, tracker, understood=answer is not None and plain):
            return {slot: None}
        if answer is not None:
            return self.accept(slot, answer)
        topic = self.digression_topic(tracker)
        if topic:
            self.answer_digression(dispatcher, tracker, topic, _texts()["resume"])
            return {slot: None}
        return self.reject(dispatcher, tracker, slot, explanations)

    def validate_yhteystieto(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A Finnish phone number or an e-mail address."""
        contact = None if is_choice(tracker.latest_message) else normalise_contact(str(value or ""))
        texts = _texts()
        explanations = [texts["invalid_contact"], texts["invalid_contact_again"]]
        return self._answer_or_reject(dispatcher, tracker, "yhteystieto", contact, explanations)

    def validate_kunta(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the six municipalities or "muu"; button payloads carry the entity."""
        text = str(value or "")
        if text.startswith("/"):
            entities = tracker.latest_message.get("entities") or []
            text = next((str(e["value"]) for e in entities if e.get("entity") == "kunta"), "")
        municipality = None if is_choice(tracker.latest_message) else normalise_municipality(text)
        explanations = [_texts()["invalid_municipality"]]
        message = str(tracker.latest_message.get("text") or "")
        plain = message.startswith("/") or few_words(message)  # the words, not the entity
        return self._answer_or_reject(
            dispatcher, tracker, "kunta", municipality, explanations, plain
        )

    def validate_paras_aika(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time button, a typed time of day or weekday; after two tries any short text."""
        explanations = [_texts()["invalid_time"]]
        if is_choice(tracker.latest_message):
            valid = choice_values(_questions()["paras_aika"].get("buttons") or [])
            answer = best_time_choice(self.choice(tracker, "paras_aika"), valid)
            return self._answer_or_reject(dispatcher, tracker, "paras_aika", answer, explanations)
        typed = best_time_typed(str(value or ""), self.failures(tracker))
        if typed.taken_as_is:
            # Taken as it is, but not a parsed answer: a crisis message still interrupts.
            if not self.crisis_interrupts(dispatcher, tracker, understood=False):
                return self.accept("paras_aika", typed.value)
            return {"paras_aika": None}
        return self._answer_or_reject(
            dispatcher, tracker, "paras_aika", typed.value, explanations, few_words(typed.text)
        )

    def validate_tilanne(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Optional free text; a clear topic question is answered instead of stored."""
        if is_choice(tracker.latest_message):
            skip_values = choice_values(_questions()["tilanne"].get("buttons") or [])
            skipped = self.choice(tracker, "tilanne") in skip_values
            return self.accept("tilanne", SKIPPED) if skipped else {"tilanne": None}
        typed = situation_typed(str(value or ""))
        # Free text is not a parsed answer: a crisis message here gets the crisis answer.
        if self.crisis_interrupts(dispatcher, tracker, understood=typed.skipped):
            return {"tilanne": None}
        if typed.skipped:
            return self.accept("tilanne", SKIPPED)
        topic = self.digression_topic(tracker, min_confidence=0.8)
        if topic and "?" in str(value or ""):
            self.answer_digression(dispatcher, tracker, topic, _texts()["resume"])
            return {"tilanne": None}
        return self.accept("tilanne", typed.value)


class ActionSubmitContact(Action):
    """Stores the request only with consent and shows its reference code."""

    def name(self) -> str:
        """Runs when yhteydenotto_form is complete."""
        return "action_submit_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Save and confirm, or confirm that nothing was saved."""
        request = ContactInput(
            contact=str(tracker.get_slot("yhteystieto")),
            municipality=str(tracker.get_slot("kunta") or ""),
            best_time=str(tracker.get_slot("paras_aika") or ""),
            situation=situation_to_store(tracker.get_slot("tilanne")),
            topic=str(tracker.get_slot("last_topic") or ""),
        )
        outcome = submit_request(
            db=database(),
            request=request,
            consent=tracker.get_slot("suostumus") is True,
            now=datetime.now(timezone.utc),
            dialogue=default_dialogue_texts(),
        )
        for message in outcome.messages:
            dispatcher.utter_message(text=message)
        if outcome.reference:
            record_contact_request(request.municipality)
        return clear_form_slots()


class ActionCancelContact(Action):
    """"peruuta" / "lopeta" in the middle of the form: nothing is stored."""

    def name(self) -> str:
        """Runs after the form is deactivated by the stop rule."""
        return "action_cancel_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Confirm the cancellation and forget the answers."""
        dispatcher.utter_message(text=_texts()["cancelled"])
        return clear_form_slots()


class ActionDeclineContact(Action):
    """"Ei nyt" to the contact offer."""

    def name(self) -> str:
        """Runs when the offer is declined."""
        return "action_decline_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Acknowledge and close the offer."""
        dispatcher.utter_message(text=_texts()["declined"])
        return [SlotSet("contact_offered", False), SlotSet("tilanne", None)]
