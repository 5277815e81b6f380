"""Ends the audit: scores it, stores it anonymously, shows level, reasons, help; or cancels it."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.audit_form import MODE_SLOT, PRO_CONSENT_SLOT, PROFESSIONAL, QUESTION_SLOTS
from actions.form_validation import FAILURES_SLOT
from actions.messages import button_dicts
from actions.store import audit_definition, audit_store, repository
from bot.audit.scoring import AuditResult, score
from bot.services.answer_messages import services_municipality, services_text
from bot.services.dialogue_texts import audit_texts_for, default_dialogue_texts
from bot.services.topics import default_catalogue

logger = logging.getLogger(__name__)


CRISIS_SLOT = "kartoitus_kriisi"


def clear_audit_slots() -> list[dict[str, Any]]:
    """Forget the answers in the conversation (the stored result has no identifiers)."""
    slots = [MODE_SLOT, *QUESTION_SLOTS, PRO_CONSENT_SLOT]
    events = [*(SlotSet(s, None) for s in slots), SlotSet(FAILURES_SLOT, 0.0)]
    return [*events, SlotSet(CRISIS_SLOT, False)]


def result_messages(
    result: AuditResult, title: str, summary: str, texts: dict, professional: bool = False
) -> list[str]:
    """Level in plain words first, then the reasons ("miksi?"), in the mode's wording."""
    lines = [texts["result_header"].format(title=title, summary=summary)]
    if result.reasons:
        reasons = "\n".join(f"• {r.wording(professional)}" for r in result.reasons)
        lines.append(f"{texts['reasons_header']}\n{reasons}")
    else:
        lines.append(texts["no_reasons"])
    if result.estimate_may_be_low:
        lines[-1] += "\n" + texts["estimate_low"].format(count=result.unanswered)
    return lines


class ActionAuditResult(Action):
    """Runs when kartoitus_form is complete."""

    def name(self) -> str:
        """Result of the housing audit."""
        return "action_audit_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Show the result, store it, offer next steps (and a contact at high levels)."""
        definition = audit_definition()
        professional = tracker.get_slot(MODE_SLOT) == PROFESSIONAL
        texts = audit_texts_for(default_dialogue_texts().audit, professional)
        answers = {q: tracker.get_slot(q) for q in QUESTION_SLOTS}
        result = score(definition, answers, tracker.get_slot(CRISIS_SLOT) is True)
        routing = definition.levels[result.level]
        summary = routing.summary_for(professional)
        reasons = [r.wording(professional) for r in result.reasons]
        for line in result_messages(result, routing.title, summary, texts, professional):
            dispatcher.utter_message(text=line)
        municipality = tracker.get_slot("kunta")
        try:
            services = repository().services(
                services_municipality(municipality), routing.services
            )
            if services:
                dt = default_dialogue_texts()
                dispatcher.utter_message(text=services_text(municipality, services, dt))
            reference = audit_store().save_result(
                mode=str(tracker.get_slot(MODE_SLOT) or ""),
                municipality=str(municipality or ""),
                answers={k: v for k, v in answers.items() if v is not None},
                level=result.level,
                total=result.total,
                reasons=reasons,
                professional_consent=str(tracker.get_slot(PRO_CONSENT_SLOT) or ""),
                retention_days=definition.retention_days,
            )
            link = texts["summary_link"].format(
                reference=reference, days=definition.retention_days
            )
        except (SQLAlchemyError, RuntimeError) as exc:
            logger.error("audit result not stored (%s)", type(exc).__name__)
            link = texts["storage_failed"]
        catalogue = default_catalogue()
        buttons = button_dicts(
            catalogue.button(i) for i in routing.next_steps if i in catalogue.titles
        )
        dispatcher.utter_message(text=link, buttons=buttons)
        events = clear_audit_slots()
        if not routing.offer_contact:
            return events
        contact = default_dialogue_texts().contact
        situation = texts["contact_situation"].format(
            title=routing.title, reasons=" ".join(reasons)
        )
        dispatcher.utter_message(
            text=texts["contact_offer"],
            buttons=[
                {"title": contact["yes_button"], "payload": "/affirm"},
                {"title": contact["no_button"], "payload": "/deny"},
            ],
        )
        return [
            *events,
            SlotSet("contact_offered", True),
            SlotSet("tilanne", situation[:500]),
            SlotSet("last_topic", f"kartoitus:{result.level}"),
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
