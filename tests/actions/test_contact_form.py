"""Contact request form: validation and re-asks, digressions, consent, cancel, storage."""

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.contact_form import (
    ActionCancelContact,
    ActionDeclineContact,
    ActionSubmitContact,
    ValidateContactForm,
)
from actions.contact_questions import AskConsent, AskMunicipality
from bot.store.models import ContactRequest
from tests.trackers import tracker

FORM = "yhteydenotto_form"


def validate(slot, value, t):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateContactForm(), f"validate_{slot}")(value, dispatcher, t, {})
    return result, [m.get("text") or m.get("response") for m in dispatcher.messages]


def form_tracker(text, intent="nlu_fallback", confidence=0.3, slots=None):
    return tracker(intent, text=text, confidence=confidence, slots=slots, active_loop=FORM)


@pytest.mark.parametrize("value", ["040 123 4567", "+358 40 1234567", "09-2525 0111",
                                   "Nimi.Sukunimi@Esimerkki.fi"])
def test_valid_contact_is_accepted(value):
    result, messages = validate("yhteystieto", value, form_tracker(value))
    assert result["yhteystieto"] and messages == []


def test_invalid_phone_is_reasked_with_longer_help_the_second_time():
    result, messages = validate("yhteystieto", "12345", form_tracker("12345"))
    assert result == {"yhteystieto": None, "form_failures": 1.0}
    assert "nimi@esimerkki.fi" in messages[0]
    again = form_tracker("abc", slots={"form_failures": 1.0})
    _, messages = validate("yhteystieto", "abc", again)
    assert "peruuta" in messages[0]


async def test_topic_question_mid_form_is_answered_and_form_resumes(content_db):
    t = form_tracker("mitä asumistuki on?", intent="asumistuki", confidence=0.93)
    result, messages = validate("yhteystieto", "mitä asumistuki on?", t)
    assert result == {"yhteystieto": None}
    assert messages[0].startswith("Kelan yleistä asumistukea")
    assert messages[-1].startswith("Jatketaan")


@pytest.mark.parametrize(("value", "expected"), [
    ("Järvenpää", "Järvenpää"), ("asun jarvenpaassa", "Järvenpää"), ("muu", "muu"),
    ('/inform_kunta{"kunta":"Hyvinkää"}', "Hyvinkää"),
])
def test_municipality_answers(value, expected):
    t = form_tracker(value)
    if value.startswith("/"):
        t.latest_message["entities"] = [{"entity": "kunta", "value": "Hyvinkää"}]
    result, _ = validate("kunta", value, t)
    assert result["kunta"] == expected


def test_unknown_municipality_is_reasked():
    result, messages = validate("kunta", "Espoo", form_tracker("Espoo"))
    assert result["kunta"] is None and "kuntaa" in messages[0]


def test_time_is_checked_then_taken_as_written_after_two_tries():
    result, _ = validate("paras_aika", "aamupäivällä", form_tracker("aamupäivällä"))
    assert result["paras_aika"] == "aamupäivällä"
    result, _ = validate("paras_aika", "kun kerkeän", form_tracker("kun kerkeän"))
    assert result["paras_aika"] is None
    tired = form_tracker("kun kerkeän", slots={"form_failures": 2.0})
    result, _ = validate("paras_aika", "kun kerkeän", tired)
    assert result["paras_aika"] == "kun kerkeän"


def test_situation_is_optional_and_capped():
    result, _ = validate("tilanne", "ohita", form_tracker("ohita"))
    assert result["tilanne"] == "-"
    result, _ = validate("tilanne", "x" * 900, form_tracker("x" * 900))
    assert len(result["tilanne"]) == 500


def filled(consent):
    return {"yhteystieto": "0401234567", "kunta": "Tuusula", "paras_aika": "ihan sama",
            "tilanne": "-", "suostumus": consent, "last_topic": "irtisanominen_haato"}


async def submit(slots):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitContact().run(dispatcher, tracker("affirm", slots=slots), {})
    return [m["text"] for m in dispatcher.messages], {e["name"]: e["value"] for e in events}


async def test_consent_stores_request_and_shows_reference(content_db):
    texts, slots = await submit(filled(True))
    with content_db.session() as session:
        row = session.scalars(select(ContactRequest)).one()
    assert row.reference in texts[0] and row.status == "uusi" and row.situation == ""
    assert row.topic == "irtisanominen_haato"
    assert slots["yhteystieto"] is None and slots["suostumus"] is None


async def test_no_consent_stores_nothing(content_db):
    texts, _ = await submit(filled(False))
    with content_db.session() as session:
        assert session.scalars(select(ContactRequest)).all() == []
    assert "en tallentanut" in texts[0]


async def test_storage_failure_is_told_and_routes_elsewhere(broken_db):
    texts, _ = await submit(filled(True))
    assert "ei juuri nyt onnistunut" in texts[0] and "keusote.fi" in texts[0]


async def test_cancel_and_decline_clear_state():
    dispatcher = CollectingDispatcher()
    events = await ActionCancelContact().run(dispatcher, tracker("stop", slots=filled(True)), {})
    assert "Peruin" in dispatcher.messages[0]["text"]
    assert {e["name"] for e in events} >= {"yhteystieto", "suostumus", "contact_offered"}
    dispatcher = CollectingDispatcher()
    events = await ActionDeclineContact().run(dispatcher, tracker("deny"), {})
    assert events[0]["name"] == "contact_offered" and events[0]["value"] is False


async def test_questions_come_with_buttons():
    dispatcher = CollectingDispatcher()
    await AskMunicipality().run(dispatcher, tracker("affirm"), {})
    assert len(dispatcher.messages[0]["buttons"]) == 7
    dispatcher = CollectingDispatcher()
    await AskConsent().run(dispatcher, tracker("affirm"), {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]
