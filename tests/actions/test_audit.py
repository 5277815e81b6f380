"""Audit form actions: mode, answers, back, skip, acute help, digression, result, cancel."""

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.audit_form import ValidateAuditForm, audit_slots
from actions.audit_questions import AskAuditMode
from actions.audit_result import ActionAuditResult, ActionCancelAudit
from actions.store import database
from bot.store import audit_results
from bot.store.models import AuditResultRow
from tests.trackers import tracker

FORM = "kartoitus_form"


def validate(slot, value, slots=None, intent="nlu_fallback", confidence=0.3):
    dispatcher = CollectingDispatcher()
    t = tracker(intent, text=value, confidence=confidence, slots=slots or {}, active_loop=FORM)
    result = getattr(ValidateAuditForm(), f"validate_{slot}")(value, dispatcher, t, {})
    return result, dispatcher.messages


@pytest.mark.parametrize(("text", "mode"), [
    ("vastaan itse", "itse"), ("täytän asiakkaan kanssa", "ammattilainen"),
    ("olen sosiaaliohjaaja", "ammattilainen"), ("häh", None),
])
def test_mode(content_db, text, mode):
    result, _ = validate("kartoitus_tila", text)
    assert result["kartoitus_tila"] == mode


async def test_professional_mode_adds_consent_question():
    form = ValidateAuditForm()
    pro = tracker("affirm", slots={"kartoitus_tila": "ammattilainen"})
    assert (await form.required_slots([], CollectingDispatcher(), pro, {}))[-1] == (
        "ammattilainen_suostumus")
    itse = tracker("affirm", slots={"kartoitus_tila": "itse"})
    assert "ammattilainen_suostumus" not in await form.required_slots([], None, itse, {})


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("k01_asuminen", "kaverin sohvalla", "kaverin_luona"),
    ("k05_rastit", "kolme kuukautta", "yli_kaksi_kk"),
    ("k14_erityiset", "ero ja lapsia", ["ero", "lapsia"]),
    ("k06_tulot", "En halua vastata", "en_halua_vastata"),
])
def test_free_text_and_buttons_are_understood(content_db, slot, text, value):
    result, _ = validate(slot, text, {"kartoitus_tila": "itse"})
    assert result[slot] == value


def test_dont_know_only_for_professionals(content_db):
    result, _ = validate("k06_tulot", "en tiedä", {"kartoitus_tila": "ammattilainen"})
    assert result["k06_tulot"] == "en_tieda"
    result, _ = validate("k06_tulot", "en tiedä", {"kartoitus_tila": "itse"})
    assert result["k06_tulot"] is None


def test_back_clears_previous_question(content_db):
    result, _ = validate("k03_aiempi", "edellinen", {"kartoitus_tila": "itse"})
    assert result == {"k02_yopaikka": None, "k03_aiempi": None, "form_failures": 0.0}


def test_unclear_answer_is_reasked_and_third_failure_offers_skip(content_db):
    result, messages = validate("k06_tulot", "asdfgh", {"kartoitus_tila": "itse"})
    assert result["k06_tulot"] is None and "En ymmärtänyt" in messages[0]["text"]
    _, messages = validate("k06_tulot", "asdfgh", {"kartoitus_tila": "itse", "form_failures": 2.0})
    assert messages[-1]["buttons"][0] == {
        "title": "En halua vastata", "payload": '/valinta{"valinta":"k06_tulot:en_halua_vastata"}'}


@pytest.mark.parametrize(("slot", "text", "expected"), [
    ("k02_yopaikka", "Ei tälle yölle", "sosiaali- ja kriisipäivystykseen"),
    ("k13_turvallisuus", "Kyllä", "080 005 005"),
    ("k04_vuokrasuhde", "Ulosotto on ilmoittanut häätöpäivän", "vielä tänään"),
])
def test_acute_answer_shows_help_at_once_then_continues(content_db, slot, text, expected):
    result, messages = validate(slot, text, {"kartoitus_tila": "itse"})
    assert result[slot]
    assert expected in messages[0]["text"] and "jatkaa kartoitusta" in messages[-1]["text"]


def test_topic_question_in_the_middle_is_answered(content_db):
    result, messages = validate("k06_tulot", "miten haen asumistukea?", {"kartoitus_tila": "itse"},
                                intent="asumistuki", confidence=0.95)
    assert result == {"k06_tulot": None}
    assert messages[0]["text"].startswith("Kelan") and messages[-1]["text"].startswith("Jatketaan")


async def test_intro_says_what_the_audit_is():
    dispatcher = CollectingDispatcher()
    await AskAuditMode().run(dispatcher, tracker("start_audit"), {})
    assert "3 minuutin" in dispatcher.messages[0]["text"]
    assert "ei ole viranomaisen päätös" in dispatcher.messages[0]["text"]
    assert len(dispatcher.messages[1]["buttons"]) == 2


async def finish(slots):
    dispatcher = CollectingDispatcher()
    events = await ActionAuditResult().run(dispatcher, tracker("affirm", slots=slots), {})
    return [m["text"] for m in dispatcher.messages], dispatcher.messages, {
        e["name"]: e["value"] for e in events}


async def test_low_result_in_plain_words_with_next_steps_and_summary_link(content_db):
    texts, messages, slots = await finish({"kartoitus_tila": "itse", "k01_asuminen": "oma",
                                           "k06_tulot": "juuri_ja_juuri", "kunta": "Järvenpää"})
    assert texts[0].startswith("Kartoituksen tulos: Matala riski")
    code = re.search(r"/kartoitus/([A-Z0-9]{8})", "\n".join(texts)).group(1)
    stored = audit_results.get(db=database(), reference=code)
    assert stored.level == "matala" and stored.municipality == "Järvenpää"
    assert stored.answers == {"k01_asuminen": "oma", "k06_tulot": "juuri_ja_juuri"}
    assert 2 <= len(messages[-1]["buttons"]) <= 4
    assert "contact_offered" not in slots and slots["k01_asuminen"] is None


async def test_high_result_gives_reasons_and_offers_prefilled_contact(content_db):
    texts, messages, slots = await finish({"kartoitus_tila": "itse",
                                           "k04_vuokrasuhde": "irtisanominen",
                                           "k05_rastit": "yli_kaksi_kk"})
    assert texts[0].startswith("Kartoituksen tulos: Korkea riski")
    assert "irtisanomis" in texts[1] and "Ohitit 13 kysymystä" in texts[1]
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/affirm", "/deny"]
    assert slots["contact_offered"] is True and slots["tilanne"].startswith(
        "Asumisen kartoitus: Korkea riski")


async def test_result_without_database_is_still_shown(broken_db):
    texts, _, _ = await finish({"kartoitus_tila": "itse", "k02_yopaikka": "ei_tanaan"})
    assert texts[0].startswith("Kartoituksen tulos: Kiireellinen tilanne")
    assert any("ei juuri nyt onnistunut" in t for t in texts)


async def test_cancel_stores_nothing(content_db):
    dispatcher = CollectingDispatcher()
    events = await ActionCancelAudit().run(dispatcher, tracker("stop", slots={
        "k01_asuminen": "oma"}), {})
    assert "Lopetin kartoituksen" in dispatcher.messages[0]["text"]
    assert {"k01_asuminen", "kartoitus_tila"} <= {e["name"] for e in events}
    with content_db.session() as session:
        assert session.scalars(select(AuditResultRow)).all() == []


def test_slot_order():
    assert audit_slots(False)[:2] == ["kartoitus_tila", "k01_asuminen"]
    assert len(audit_slots(True)) == 17


async def test_crisis_during_audit_makes_result_acute(content_db):
    from actions.audit_result import ActionNoteAuditCrisis

    events = await ActionNoteAuditCrisis().run(CollectingDispatcher(), tracker("kriisi"), {})
    assert events[0]["name"] == "kartoitus_kriisi" and events[0]["value"] is True
    texts, _, slots = await finish({"kartoitus_tila": "itse", "k01_asuminen": "oma",
                                    "kartoitus_kriisi": True})
    assert texts[0].startswith("Kartoituksen tulos: Kiireellinen tilanne")
    assert "itsetuhoisista" in texts[1] and slots["kartoitus_kriisi"] is False
