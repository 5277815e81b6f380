"""`action_validate_slot_mappings`: slots that any message can set keep only allowed values."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from bot.services.contact_details import normalise_municipality

MUNICIPALITY_SLOT = "kunta"


def value_before_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message (what an invalid value must not replace)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    for event in reversed(events[: max(last_user, 0)]):
        if event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


class ValidateSlotMappings(ValidationAction):
    """Runs after every message whose slot mappings set a value, inside a form or outside."""

    def domain_slots(self, domain: DomainDict) -> list[str]:
        """The slots with a mapping that works everywhere (the form slots have their own)."""
        return [MUNICIPALITY_SLOT]

    def validate_kunta(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the six municipalities or "muu"; anything else leaves the slot as it was."""
        municipality = normalise_municipality(str(value or ""))
        if municipality:
            return {MUNICIPALITY_SLOT: municipality}
        return {MUNICIPALITY_SLOT: value_before_message(tracker, MUNICIPALITY_SLOT)}
