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
from bot.services.contact_details import (
    is_skip,
    looks_like_time,
    normalise_contact,
    normalise_municipality,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.office_hours import OfficeHours
from bot.store.repository import NewContactRequest

logger = logging.getLogger(__name__)

FORM_SLOTS = ("yhteystieto", "paras_aika", "tilanne", "suostumus")
MAX_TIME_CHARS = 200
MAX_SITUATION_CHARS = 500
SKIPPED = "-"


def _texts() -> dict[str, Any]:
    return default_dialogue_texts().contact


def clear_form_slots() -> list[dict[str, Any]]:
    """Forget everything the form collected (after submit, cancel or no consent)."""
    events = [SlotSet(slot, None) for slot in FORM_SLOTS]
    return [*events, SlotSet(FAILURES_SLOT, 0.0), SlotSet("contact_offered", False)]


class ValidateContactForm(CountingFormValidator):
    """Checks each answer of `yhteydenotto_form`; topic questions are answered on the way."""

    def name(self) -> str:
        """Validation action of yhteydenotto_form."""
        return "validate_yhteydenotto_form"

    def _digress_or_reject(self, dispatcher, tracker, slot: str, explanations: list[str]):
        topic = self.digression_topic(tracker)
        if topic:
            self.answer_digression(dispatcher, tracker, topic, _texts()["resume"])
            return {slot: None}
        return self.reject(dispatcher, tracker, slot, explanations)

    def validate_yhteystieto(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A Finnish phone number or an e-mail address."""
        contact = normalise_contact(str(value or ""))
        if contact:
            return self.accept("yhteystieto", contact)
        texts = _texts()
        explanations = [texts["invalid_contact"], texts["invalid_contact_again"]]
        return self._digress_or_reject(dispatcher, tracker, "yhteystieto", explanations)

    def validate_kunta(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the six municipalities or "muu"; button payloads carry the entity."""
        text = str(value or "")
        if text.startswith("/"):
            entities = tracker.latest_message.get("entities") or []
            text = next((str(e["value"]) for e in entities if e.get("entity") == "kunta"), "")
        municipality = normalise_municipality(text)
        if municipality:
            return self.accept("kunta", municipality)
        explanations = [_texts()["invalid_municipality"]]
        return self._digress_or_reject(dispatcher, tracker, "kunta", explanations)

    def validate_paras_aika(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time of day or weekday; after two tries any short text is taken as it is."""
        text = " ".join(str(value or "").split())[:MAX_TIME_CHARS]
        if text and (looks_like_time(text) or self.failures(tracker) >= 2):
            return self.accept("paras_aika", text)
        explanations = [_texts()["invalid_time"]]
        return self._digress_or_reject(dispatcher, tracker, "paras_aika", explanations)

    def validate_tilanne(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Optional free text; a clear topic question is answered instead of stored."""
        text = " ".join(str(value or "").split())
        if not text or is_skip(text):
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


def out_of_hours_note(moment: datetime) -> str | None:
    """When the request comes outside office hours: when to expect contact, emergency routes."""
    dialogue = default_dialogue_texts()
    hours = OfficeHours.from_config(dialogue.office_hours)
    if hours.is_open(moment):
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
