"""Questions of kartoitus_form as `action_ask_<slot>` actions, worded for the chosen mode."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.ask_action import AskSlotAction
from actions.audit_form import MODE_SLOT, PRO_CONSENT_SLOT, PROFESSIONAL, QUESTION_SLOTS
from actions.messages import button_dicts
from actions.store import audit_definition
from bot.services.button_payloads import audit_question_buttons, choice_buttons
from bot.services.dialogue_texts import default_dialogue_texts


class AskAuditMode(Action):
    """What the audit is, then: resident or professional?"""

    def name(self) -> str:
        """First question of the form."""
        return f"action_ask_{MODE_SLOT}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Introduce the audit and ask the mode."""
        texts = default_dialogue_texts().audit
        dispatcher.utter_message(text=texts["intro"])
        buttons = button_dicts(choice_buttons(MODE_SLOT, texts["mode_buttons"]))
        dispatcher.utter_message(text=texts["mode_question"], buttons=buttons)
        return []


class AskProfessionalConsent(Action):
    """The professional's view at the end."""

    def name(self) -> str:
        """Last question in professional mode."""
        return f"action_ask_{PRO_CONSENT_SLOT}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Ask whether consent for a contact to social services was obtained."""
        texts = default_dialogue_texts().audit
        dispatcher.utter_message(
            text=texts["professional_consent_question"],
            buttons=button_dicts(
                choice_buttons(PRO_CONSENT_SLOT, texts["professional_consent_buttons"])
            ),
        )
        return []


class AskAuditQuestion(AskSlotAction):
    """One audit question with its options as buttons (texts from audit.yml)."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Question text for the mode, option buttons, skip / don't know / back."""
        texts = default_dialogue_texts().audit
        professional = tracker.get_slot(MODE_SLOT) == PROFESSIONAL
        question = audit_definition().question(self.slot)
        number = QUESTION_SLOTS.index(self.slot) + 1
        buttons = button_dicts(audit_question_buttons(question, texts, professional))
        text = f"{number}/{len(QUESTION_SLOTS)}. {question.wording(professional)}"
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


# One registered action per question slot: rasa-sdk finds actions as Action subclasses.
# __module__ and __qualname__ make them picklable: sanic's worker processes pickle the actions.
for _slot in QUESTION_SLOTS:
    _name = f"Ask_{_slot}"
    globals()[_name] = type(
        _name,
        (AskAuditQuestion,),
        {"slot": _slot, "__module__": __name__, "__qualname__": _name},
    )
