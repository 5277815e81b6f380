"""Validation of kartoitus_form: mode, a slot per question, back, skip, acute help, digressions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_validation import FAILURES_SLOT, CountingFormValidator
from actions.store import audit_definition
from bot.audit.answer_parser import parse_answer
from bot.audit.definition import default_definition
from bot.services.dialogue_texts import audit_texts_for, default_dialogue_texts
from bot.text import fold

MODE_SLOT = "kartoitus_tila"
PRO_CONSENT_SLOT = "ammattilainen_suostumus"
SELF, PROFESSIONAL = "itse", "ammattilainen"
QUESTION_SLOTS = default_definition().question_ids  # fixed by the domain's slots


def _texts() -> dict[str, Any]:
    return default_dialogue_texts().audit


def parse_mode(text: str) -> str | None:
    """"vastaan itse" → itse; "täytän asiakkaan kanssa" / "ammattilainen" → ammattilainen."""
    folded = fold(text)
    if any(w in folded for w in ("asiakka", "ammatti", "tyontekij", "sosiaaliohjaa", "hoitaja")):
        return PROFESSIONAL
    if any(w in folded for w in ("itse", "mina", "ma vastaan", "oma", "vastaan")):
        return SELF
    return None


def audit_slots(professional: bool) -> list[str]:
    """The form's slots in asking order; professionals end with the consent question."""
    slots = [MODE_SLOT, *QUESTION_SLOTS]
    return [*slots, PRO_CONSENT_SLOT] if professional else slots


class ValidateAuditForm(CountingFormValidator):
    """Checks every answer of `kartoitus_form`."""

    def name(self) -> str:
        """Validation action of kartoitus_form."""
        return "validate_kartoitus_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Professional mode adds the consent question at the end."""
        return audit_slots(tracker.get_slot(MODE_SLOT) == PROFESSIONAL)

    def validate_kartoitus_tila(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Resident or professional."""
        mode = parse_mode(str(value or ""))
        if mode:
            return self.accept(MODE_SLOT, mode)
        return self.reject(dispatcher, tracker, MODE_SLOT, [_texts()["mode_not_understood"]])

    def validate_ammattilainen_suostumus(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Consent for a contact to social services, as the worker reports it."""
        values = {fold(k): v for k, v in _texts()["professional_consent_values"].items()}
        folded = fold(str(value or ""))
        longest_first = sorted(values, key=len, reverse=True)
        match = next((k for k in longest_first if folded.startswith(k)), None)
        answer = values[match] if match else None
        if answer:
            return self.accept(PRO_CONSENT_SLOT, answer)
        return self.reject(dispatcher, tracker, PRO_CONSENT_SLOT, [_texts()["not_understood"]])

    def validate_question(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Parse an answer; go back, accept, show acute help, digress or explain again."""
        professional = tracker.get_slot(MODE_SLOT) == PROFESSIONAL
        texts = audit_texts_for(_texts(), professional)
        definition = audit_definition()
        question = definition.question(slot)
        parsed = parse_answer(question, str(value or ""), professional)
        if parsed.back:
            order = audit_slots(professional)
            previous = order[max(order.index(slot) - 1, 0)]
            return {previous: None, slot: None, FAILURES_SLOT: 0.0}
        if parsed.value is not None:
            self._acute_help(dispatcher, question, parsed.value, definition, texts)
            stored = list(parsed.value) if isinstance(parsed.value, tuple) else parsed.value
            return self.accept(slot, stored)
        topic = self.digression_topic(tracker)
        if topic:
            self.answer_digression(dispatcher, tracker, topic, texts["resume"])
            return {slot: None}
        events = self.reject(dispatcher, tracker, slot, [texts["not_understood"]])
        if self.failures(tracker) + 1 >= 3:
            skip = {"title": texts["skip_button"], "payload": texts["skip_button"]}
            dispatcher.utter_message(text=texts["offer_skip"], buttons=[skip])
        return events

    @staticmethod
    def _acute_help(dispatcher, question, value, definition, texts) -> None:
        ids = value if isinstance(value, tuple) else (value,)
        helps = [question.option(i).acute for i in ids if i in {o.id for o in question.options}]
        lead = texts.get("acute_lead")  # only in professional mode: "tell the client"
        for key in filter(None, helps):
            help_text = definition.acute_help[key]
            dispatcher.utter_message(text=f"{lead} {help_text}" if lead else help_text)
        if any(helps):
            dispatcher.utter_message(text=texts["acute_continue"])


def _question_validator(slot: str):
    def validate(self, value, dispatcher, tracker, domain):
        return self.validate_question(slot, value, dispatcher, tracker)

    validate.__doc__ = f"Answer to {slot}."
    return validate


for _slot in QUESTION_SLOTS:
    setattr(ValidateAuditForm, f"validate_{_slot}", _question_validator(_slot))
