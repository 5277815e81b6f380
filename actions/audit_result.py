"""Ends the audit: scores it, stores it anonymously, shows level, reasons, help; or cancels it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audit_form import (
    CRISIS_SLOT,
    MODE_SLOT,
    PRO_CONSENT_SLOT,
    PROFESSIONAL,
    QUESTION_SLOTS,
)
from actions.form_validation import FAILURES_SLOT
from actions.messages import send_replies
from actions.stats import record_audit
from actions.store import audit_definition, database
from bot.services.audit_results import AuditInput, finish_audit
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue


def clear_audit_slots() -> list[dict[str, Any]]:
    """Forget the answers in the conversation (the stored result has no identifiers)."""
    slots = [MODE_SLOT, *QUESTION_SLOTS, PRO_CONSENT_SLOT]
    events = [*(SlotSet(s, None) for s in slots), SlotSet(FAILURES_SLOT, 0.0)]
    return [*events, SlotSet(CRISIS_SLOT, False)]


class ActionAuditResult(Action):
    """Runs when kartoitus_form is complete."""

    def name(self) -> str:
        """Result of the housing audit."""
        return "action_audit_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Show the result, store it, offer next steps (and a contact at high levels)."""
        audit = AuditInput(
            mode=str(tracker.get_slot(MODE_SLOT) or ""),
            professional=tracker.get_slot(MODE_SLOT) == PROFESSIONAL,
            answers={q: tracker.get_slot(q) for q in QUESTION_SLOTS},
            crisis=tracker.get_slot(CRISIS_SLOT) is True,
            municipality=tracker.get_slot("kunta"),
            professional_consent=str(tracker.get_slot(PRO_CONSENT_SLOT) or ""),
        )
        outcome = finish_audit(
            db=database(),
            audit=audit,
            definition=audit_definition(),
            catalogue=default_catalogue(),
            dialogue=default_dialogue_texts(),
        )
        send_replies(dispatcher, outcome.replies)
        record_audit(outcome.level, audit.municipality, audit.mode, audit.answers)
        events = clear_audit_slots()
        if not outcome.offers_contact:
            return events
        return [
            *events,
            SlotSet("contact_offered", True),
            SlotSet("tilanne", outcome.situation),
            SlotSet("last_topic", outcome.topic),
        ]


class ActionCancelAudit(Action):
    """"lopeta" in the middle of the audit: nothing is stored."""

    def name(self) -> str:
        """Runs after the stop rule deactivates kartoitus_form."""
        return "action_cancel_audit"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Confirm and forget the answers."""
        dispatcher.utter_message(text=default_dialogue_texts().audit["cancelled"])
        return clear_audit_slots()


class ActionNoteAuditCrisis(Action):
    """After the crisis answer inside the audit: remember it, so the result is AKUUTTI."""

    def name(self) -> str:
        """Runs between utter_kriisi and the resumed form."""
        return "action_note_audit_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Set the flag; says nothing (the crisis answer was just given)."""
        return [SlotSet(CRISIS_SLOT, True)]
