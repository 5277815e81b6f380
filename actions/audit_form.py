"""Validation of kartoitus_form: mode, a slot per question, back, skip, acute help, digressions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_validation import FAILURES_SLOT, CountingFormValidator
from actions.messages import button_dicts
from actions.store import audit_definition
from bot.audit.answer_parser import ParsedAnswer, is_plain_answer, parse_answer, parse_choice
from bot.audit.definition import default_definition
from bot.cues import folded_words
from bot.services.button_payloads import is_choice, skip_button
from bot.services.dialogue_texts import audit_texts_for, default_dialogue_texts
from bot.services.form_crisis import CRISIS_ANSWER, few_words
from bot.text import fold

MODE_SLOT = "kartoitus_tila"
PRO_CONSENT_SLOT = "ammattilainen_suostumus"
CRISIS_SLOT = "kartoitus_kriisi"  # a crisis message during the audit makes the result AKUUTTI
SELF, PROFESSIONAL = "itse", "ammattilainen"
QUESTION_SLOTS = default_definition().question_ids  # fixed by the domain's slots


def _texts() -> dict[str, Any]:
    return default_dialogue_texts().audit


def parse_mode(text: str) -> str | None:
    """"vastaan itse" → itse; "täytän asiakkaan kanssa" / "ammattilainen" → ammattilainen."""
    folded = fold(text)
    if any(w in folded for w in folded_words("audit", "mode_professional")):
        return PROFESSIONAL
    if any(w in folded for w in folded_words("audit", "mode_self")):
        return SELF
    return None


def crisis_noted(response: str) -> dict[str, Any]:
    """The crisis answer (not the check-in) during the audit makes the result AKUUTTI."""
    return {CRISIS_SLOT: True} if response == CRISIS_ANSWER else {}


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
        """Resident or professional, from the mode buttons or typed."""
        if is_choice(tracker.latest_message):
            mode = self.choice(tracker, MODE_SLOT)
            mode = mode if mode in (SELF, PROFESSIONAL) else None
            plain = mode is not None
        else:
            mode = parse_mode(str(value or ""))
            titles = {fold(b["title"]) for b in _texts()["mode_buttons"]}
            plain = mode is not None and (fold(str(value)) in titles or few_words(str(value)))
        response = self.crisis_interrupts(dispatcher, tracker, plain)
        if response:
            return {MODE_SLOT: None, **crisis_noted(response)}
        if mode:
            return self.accept(MODE_SLOT, mode)
        return self.reject(dispatcher, tracker, MODE_SLOT, [_texts()["mode_not_understood"]])

    def validate_ammattilainen_suostumus(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Consent for a contact to social services, as the worker reports it."""
        values = {fold(k): v for k, v in _texts()["professional_consent_values"].items()}
        if is_choice(tracker.latest_message):
            answer = self.choice(tracker, PRO_CONSENT_SLOT)
            answer = answer if answer in values.values() else None
            plain = answer is not None
        else:
            folded = fold(str(value or ""))
            longest_first = sorted(values, key=len, reverse=True)
            match = next((k for k in longest_first if folded.startswith(k)), None)
            answer = values[match] if match else None
            titles = {fold(b["title"]) for b in _texts()["professional_consent_buttons"]}
            short = folded in titles or folded in values or few_words(folded)
            plain = answer is not None and short
        response = self.crisis_interrupts(dispatcher, tracker, plain)
        if response:
            return {PRO_CONSENT_SLOT: None, **crisis_noted(response)}
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
        parsed = self._parse(question, value, tracker, professional)
        plain = is_choice(tracker.latest_message) or is_plain_answer(
            question, str(value or ""), professional
        )
        response = self.crisis_interrupts(dispatcher, tracker, parsed.understood and plain)
        if response:
            return {slot: None, **crisis_noted(response)}
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
            skip = button_dicts([skip_button(slot, texts)])
            dispatcher.utter_message(text=texts["offer_skip"], buttons=skip)
        return events

    def _parse(self, question, value: Any, tracker: Tracker, professional: bool) -> ParsedAnswer:
        """A clicked answer button by its value; a typed answer by the answer parser."""
        if is_choice(tracker.latest_message):
            # The text is the payload itself: never parse it as words.
            choice = self.choice(tracker, question.id)
            return parse_choice(question, choice, professional) if choice else ParsedAnswer(None)
        return parse_answer(question, str(value or ""), professional)

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
