"""Form buttons send structured answers; a crisis-classified plain answer is taken as the answer."""

from __future__ import annotations

import json
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.audit_form import QUESTION_SLOTS, ValidateAuditForm
from actions.audit_questions import AskAuditMode, AskAuditQuestion, AskProfessionalConsent
from actions.contact_form import ValidateContactForm
from actions.contact_questions import AskBestTime, AskConsent, AskMunicipality, AskSituation
from bot.audit.definition import default_definition
from bot.config import Settings
from bot.municipalities import MUNICIPALITIES
from bot.services.button_payloads import all_payloads
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue
from tests.trackers import tracker

AUDIT, CONTACT = "kartoitus_form", "yhteydenotto_form"
_PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$")
CRISIS = {"crisis_match": {"category": "itsetuho", "source": "surface"}}


def clicked(payload: str, slots: dict, loop: str) -> Tracker:
    """The tracker after a click, as Rasa's RegexMessageHandler reads the payload."""
    match = _PAYLOAD.match(payload)
    assert match, payload
    entities = json.loads(match["entities"] or "{}")
    t = tracker(match["intent"], text=payload, confidence=1.0, slots=slots, active_loop=loop)
    t.latest_message["entities"] = [{"entity": k, "value": v} for k, v in entities.items()]
    return t


def typed(text: str, slots: dict, loop: str, intent="nlu_fallback", crisis=False) -> Tracker:
    """The tracker after a typed message; `crisis` marks a lexicon hit."""
    t = tracker(intent, text=text, confidence=0.44, slots=slots, active_loop=loop)
    if crisis:
        t.latest_message.update(CRISIS)
    return t


async def buttons_of(action, slots: dict) -> list[dict]:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker("affirm", slots=slots), {})
    return [b for m in dispatcher.messages for b in m.get("buttons") or []]


def run_validation(form, slot: str, t: Tracker):
    dispatcher = CollectingDispatcher()
    result = getattr(form, f"validate_{slot}")(t.latest_message["text"], dispatcher, t, {})
    return result, dispatcher.messages


def own_payloads() -> frozenset[str]:
    return all_payloads(
        default_definition(), default_dialogue_texts(), default_catalogue(), Settings().domain_path
    )


def expected_value(button: dict, question) -> object:
    """What clicking an audit button stores: the option id (a list for multi-select) or a code."""
    value = json.loads(_PAYLOAD.match(button["payload"])["entities"])["valinta"].split(":", 1)[1]
    if value in {o.id for o in question.options}:
        return [value] if question.multi else value
    return value


@pytest.mark.parametrize("mode", ["itse", "ammattilainen"])
@pytest.mark.parametrize("slot", QUESTION_SLOTS)
async def test_every_audit_button_is_taken_as_its_answer(content_db, slot, mode):
    slots = {"kartoitus_tila": mode}
    question = default_definition().question(slot)
    buttons = await buttons_of(type("Ask", (AskAuditQuestion,), {"slot": slot})(), slots)
    labels = [o.label for o in question.options]
    assert [b["title"] for b in buttons][: len(labels)] == labels
    for button in buttons:
        assert button["payload"] in own_payloads()
        t = clicked(button["payload"], slots, AUDIT)
        result, _ = run_validation(ValidateAuditForm(), slot, t)
        if button["title"] == "Edellinen kysymys":
            assert result[slot] is None and result["form_failures"] == 0.0
        else:
            assert result[slot] == expected_value(button, question), button


async def test_mode_and_consent_buttons_are_taken(content_db):
    form = ValidateAuditForm()
    modes = await buttons_of(AskAuditMode(), {})
    assert [run_validation(form, "kartoitus_tila", clicked(b["payload"], {}, AUDIT))[0][
        "kartoitus_tila"] for b in modes] == ["itse", "ammattilainen"]
    pro = {"kartoitus_tila": "ammattilainen"}
    consent = await buttons_of(AskProfessionalConsent(), pro)
    values = [run_validation(form, "ammattilainen_suostumus", clicked(b["payload"], pro, AUDIT))[0][
        "ammattilainen_suostumus"] for b in consent]
    assert values == ["kyllä", "ei", "ei vielä kysytty"]
    assert {b["payload"] for b in modes + consent} <= own_payloads()


async def test_contact_form_buttons_are_taken(content_db):
    form = ValidateContactForm()
    municipalities = await buttons_of(AskMunicipality(), {})
    taken = [run_validation(form, "kunta", clicked(b["payload"], {}, CONTACT))[0]["kunta"]
             for b in municipalities]
    assert taken == [*MUNICIPALITIES, "muu"]
    times = await buttons_of(AskBestTime(), {})
    assert [run_validation(form, "paras_aika", clicked(b["payload"], {}, CONTACT))[0]["paras_aika"]
            for b in times] == ["aamupäivällä", "iltapäivällä", "ihan sama"]
    (skip,) = await buttons_of(AskSituation(), {})
    skipped = run_validation(form, "tilanne", clicked(skip["payload"], {}, CONTACT))[0]
    assert skipped["tilanne"] == "-"
    consent = await buttons_of(AskConsent(), {})
    assert [b["payload"] for b in consent] == ["/affirm", "/deny"]
    every = municipalities + times + [skip] + consent
    assert {b["payload"] for b in every} <= own_payloads()


def test_a_button_of_another_question_is_not_read_as_words(content_db):
    # "muistutus" is a k04 cue word: the payload text must not be parsed as typed words.
    slots = {"kartoitus_tila": "itse"}
    t = clicked('/valinta{"valinta":"k04_vuokrasuhde:muistutus"}', slots, AUDIT)
    result, messages = run_validation(ValidateAuditForm(), "k05_rastit", t)
    assert result["k05_rastit"] is None and "En ymmärtänyt" in messages[0]["text"]


def test_dont_know_button_only_counts_for_professionals(content_db):
    payload = '/valinta{"valinta":"k06_tulot:en_tieda"}'
    itse = clicked(payload, {"kartoitus_tila": "itse"}, AUDIT)
    assert run_validation(ValidateAuditForm(), "k06_tulot", itse)[0]["k06_tulot"] is None
    pro = clicked(payload, {"kartoitus_tila": "ammattilainen"}, AUDIT)
    assert run_validation(ValidateAuditForm(), "k06_tulot", pro)[0]["k06_tulot"] == "en_tieda"


@pytest.mark.parametrize(("slot", "text", "value"), [
    ("k15_arvio", "Epätodennäköistä", "epatodennakoista"),
    ("k15_arvio", "epatodennakoista", "epatodennakoista"),
    ("k13_turvallisuus", "ei", "ei"),
    ("k09_paihteet", "paljon", "paljon"),
])
def test_kriisi_without_lexicon_hit_that_answers_the_question_is_the_answer(
    content_db, slot, text, value
):
    t = typed(text, {"kartoitus_tila": "itse"}, AUDIT, intent="kriisi")
    result, messages = run_validation(ValidateAuditForm(), slot, t)
    assert result[slot] == value
    assert not any(m.get("response") == "utter_kriisi" for m in messages)
    assert "kartoitus_kriisi" not in result


@pytest.mark.parametrize(("text", "crisis"), [
    ("Kyllä, mies uhkaa tappaa mut", True),  # a lexicon hit interrupts even a valid answer
    ("mä en enää jaksa tätä kaikkea", False),  # classifier only, answers nothing
])
def test_crisis_in_the_audit_gets_the_crisis_answer_and_akuutti(content_db, text, crisis):
    t = typed(text, {"kartoitus_tila": "itse"}, AUDIT, intent="kriisi", crisis=crisis)
    result, messages = run_validation(ValidateAuditForm(), "k13_turvallisuus", t)
    assert result == {"k13_turvallisuus": None, "kartoitus_kriisi": True}
    assert messages[0]["response"] == "utter_kriisi"


def test_crisis_at_the_mode_question_is_answered_first(content_db):
    t = typed("haluan kuolla", {}, AUDIT, intent="kriisi", crisis=True)
    result, messages = run_validation(ValidateAuditForm(), "kartoitus_tila", t)
    assert result == {"kartoitus_tila": None, "kartoitus_kriisi": True}
    assert messages[0]["response"] == "utter_kriisi"


@pytest.mark.parametrize(("slot", "text", "crisis", "stored"), [
    ("yhteystieto", "040 123 4567", False, "0401234567"),
    ("yhteystieto", "en jaksa enää", False, None),
    ("kunta", "tuusula", False, "Tuusula"),
    ("paras_aika", "aamulla", False, "aamulla"),
    ("tilanne", "ohita", False, "-"),
    ("tilanne", "poikaystävä uhkaa tappaa mut", True, None),
    ("tilanne", "riitaa kämppiksen kanssa ja pelottaa", False, None),
])
def test_crisis_in_the_contact_form(content_db, slot, text, crisis, stored):
    t = typed(text, {}, CONTACT, intent="kriisi", crisis=crisis)
    result, messages = run_validation(ValidateContactForm(), slot, t)
    assert result[slot] == stored
    got_crisis_answer = any(m.get("response") == "utter_kriisi" for m in messages)
    assert got_crisis_answer is (stored is None)


def test_check_in_tier_in_the_audit_asks_gently_and_does_not_force_akuutti(content_db):
    slots = {"kartoitus_tila": "itse"}
    distress = typed("mä en enää jaksa tätä kaikkea", slots, AUDIT, intent="kriisi_tarkistus")
    result, messages = run_validation(ValidateAuditForm(), "k13_turvallisuus", distress)
    assert result == {"k13_turvallisuus": None}
    assert messages[0]["response"] == "utter_kriisi_tarkistus_lomake"
    label = typed("Epätodennäköistä", slots, AUDIT, intent="kriisi_tarkistus")
    result, messages = run_validation(ValidateAuditForm(), "k15_arvio", label)
    assert result["k15_arvio"] == "epatodennakoista" and messages == []


def test_crisis_sentence_naming_a_municipality_is_not_taken_as_the_municipality(content_db):
    t = typed("en jaksa enää asua tuusulassa", {}, CONTACT, intent="kriisi")
    dispatcher = CollectingDispatcher()  # the slot holds the entity value, not the words
    result = ValidateContactForm().validate_kunta("Tuusula", dispatcher, t, {})
    messages = dispatcher.messages
    assert result["kunta"] is None and messages[0]["response"] == "utter_kriisi"
