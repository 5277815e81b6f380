"""Contact request to the outreach team: validation, submit, cancel, decline."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.form_validation import FAILURES_SLOT, CountingFormValidator
from actions.store import repository
from bot.services.button_payloads import choice_values, is_choice
from bot.services.contact_details import (
    is_skip,
    looks_like_time,
    normalise_contact,
    normalise_municipality,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.form_crisis import few_words
from bot.services.office_hours import OfficeHours
from bot.store.repository import NewContactRequest

logger = logging.getLogger(__name__)

FORM_SLOTS = ("yhteystieto", "paras_aika", "tilanne", "suostumus")
MAX_TIME_CHARS = 200
MAX_SITUATION_CHARS = 500
SKIPPED = "-"


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
        plain = text.startswith("/") or few_words(text)
        return self._answer_or_reject(
            dispatcher, tracker, "kunta", municipality, explanations, plain
        )

    def validate_paras_aika(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time button, a typed time of day or weekday; after two tries any short text."""
        explanations = [_texts()["invalid_time"]]
        if is_choice(tracker.latest_message):
            choice = self.choice(tracker, "paras_aika")
            valid = choice_values(_questions()["paras_aika"].get("buttons") or [])
            answer = choice if choice in valid else None
            return self._answer_or_reject(dispatcher, tracker, "paras_aika", answer, explanations)
        text = " ".join(str(value or "").split())[:MAX_TIME_CHARS]
        answer = text if text and looks_like_time(text) else None
        if answer is None and text and self.failures(tracker) >= 2:
            # Taken as it is, but not a parsed answer: a crisis message still interrupts.
            if not self.crisis_interrupts(dispatcher, tracker, understood=False):
                return self.accept("paras_aika", text)
            return {"paras_aika": None}
        return self._answer_or_reject(
            dispatcher, tracker, "paras_aika", answer, explanations, few_words(text)
        )

    def validate_tilanne(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Optional free text; a clear topic question is answered instead of stored."""
        if is_choice(tracker.latest_message):
            skip_values = choice_values(_questions()["tilanne"].get("buttons") or [])
            skipped = self.choice(tracker, "tilanne") in skip_values
            return self.accept("tilanne", SKIPPED) if skipped else {"tilanne": None}
        text = " ".join(str(value or "").split())
        skipped = not text or is_skip(text)
        # Free text is not a parsed answer: a crisis message here gets the crisis answer.
        if self.crisis_interrupts(dispatcher, tracker, understood=skipped):
            return {"tilanne": None}
        if skipped:
            return self.accept("tilanne", SKIPPED)
        topic = self.digression_topic(tracker, min_confidence=0.8)
        if topic and "?" in text:
            self.answer_digression(dispatcher, tracker, topic, _texts()["resume"])
            return {"tilanne": None}
        return self.accept("tilanne", text[:MAX_SITUATION_CHARS])


class ActionSubmitContact(Action):
    """Stores the request only with consent and shows its reference code."""

    def name(self) -> str:
        """Runs when yhteydenotto_form is complete."""
        return "action_submit_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Save and confirm, or confirm that nothing was saved."""
        texts = _texts()
        if tracker.get_slot("suostumus") is not True:
            dispatcher.utter_message(text=texts["no_consent"])
            return clear_form_slots()
        situation = tracker.get_slot("tilanne") or ""
        request = NewContactRequest(
            contact=str(tracker.get_slot("yhteystieto")),
            municipality=str(tracker.get_slot("kunta") or ""),
            best_time=str(tracker.get_slot("paras_aika") or ""),
            situation="" if situation == SKIPPED else str(situation),
            topic=str(tracker.get_slot("last_topic") or ""),
        )
        try:
            reference = repository().save_contact_request(request)
        except (SQLAlchemyError, RuntimeError) as exc:
            logger.error("contact request not stored (%s)", type(exc).__name__)
            dispatcher.utter_message(text=texts["storage_failed"])
            return clear_form_slots()
        dispatcher.utter_message(text=texts["saved"].format(reference=reference))
        note = out_of_hours_note(datetime.now(timezone.utc))
        if note:
            dispatcher.utter_message(text=note)
        return clear_form_slots()


def out_of_hours_note(moment: datetime, hours: OfficeHours | None = None) -> str | None:
    """Outside the team's hours: when to expect contact; nothing while the county has set none."""
    dialogue = default_dialogue_texts()
    hours = hours or OfficeHours.from_config(dialogue.office_hours)
    if not hours.is_set or hours.is_open(moment):
        return None
    opening = hours.next_opening(moment)
    texts = dialogue.contact
    day = texts["weekday_names"][opening.weekday()]
    when = texts["next_opening"].format(day=day, hour=opening.hour)
    return texts["saved_out_of_hours"].format(next_opening=when)


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
