"""`action_validate_slot_mappings`: the municipality slot only takes the six or "muu"."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_topic import ActionAnswerTopic
from actions.slot_validation import ValidateSlotMappings, value_before_message
from tests.trackers import tracker


def after_message(previous: str | None, extracted: str) -> Tracker:
    """A tracker as Rasa sends it to the validation: old value, user message, extracted value."""
    events = [
        {"event": "slot", "name": "kunta", "value": previous},
        {"event": "user", "text": "viesti"},
        {"event": "slot", "name": "kunta", "value": extracted},
    ]
    latest = {"text": "viesti", "intent": {"name": "inform_kunta"}, "entities": []}
    return Tracker("s", {"kunta": extracted}, latest, events, False, None, {}, "action_listen")


async def validate(previous: str | None, extracted: str) -> dict:
    events = await ValidateSlotMappings().run(
        CollectingDispatcher(), after_message(previous, extracted), {"slots": {}}
    )
    return {e["name"]: e["value"] for e in events}


@pytest.mark.parametrize(("extracted", "stored"), [
    ("Hyvinkää", "Hyvinkää"), ("järvenpäässä", "Järvenpää"), ("muu", "muu"),
])
async def test_known_municipalities_are_stored_in_base_form(extracted, stored):
    assert await validate(None, extracted) == {"kunta": stored}


@pytest.mark.parametrize("extracted", ["Tampere", "<script>", "x" * 300, "DROP TABLE"])
async def test_any_other_value_keeps_the_previous_municipality(extracted):
    assert await validate("Tuusula", extracted) == {"kunta": "Tuusula"}
    assert await validate(None, extracted) == {"kunta": None}


def test_only_the_slots_that_any_message_can_set_are_validated_here():
    assert ValidateSlotMappings().domain_slots({}) == ["kunta"]
    assert ValidateSlotMappings().name() == "action_validate_slot_mappings"


def test_value_before_message_ignores_the_new_value():
    assert value_before_message(after_message("Mäntsälä", "Tampere"), "kunta") == "Mäntsälä"


async def test_unknown_municipality_is_asked_again_not_echoed(content_db):
    t = tracker("inform_kunta", entities=[{"entity": "kunta", "value": "Tampere"}])
    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(dispatcher, t, {})
    assert dispatcher.messages[0]["text"].startswith("Missä kunnassa")
    assert "Tampere" not in str(dispatcher.messages)
