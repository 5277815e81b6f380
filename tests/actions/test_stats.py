"""The actions count anonymous statistics events, and a database fault never breaks a reply."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.answer_topic import ActionAnswerTopic
from actions.audit_result import ActionAuditResult
from actions.contact_form import ActionSubmitContact
from actions.fallback import ActionFallbackTopics
from bot.services import statistics
from bot.store import stats_events
from tests.trackers import tracker

ROW = ("kind", "topic", "municipality", "level", "mode", "handling_days")


async def _run(action, t):
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, t, {})
    return dispatcher.messages


def _events(db):
    day = statistics.today()
    return {tuple(getattr(r, f) for f in ROW): r.count
            for r in stats_events.list_between(db=db, start=day, end=day)}


async def test_answered_topic_is_counted_with_its_municipality(content_db):
    await _run(ActionAnswerTopic(), tracker("vuokravelka", slots={"kunta": "Tuusula"}))
    await _run(ActionAnswerTopic(), tracker("vuokravelka", slots={"kunta": "Tuusula"}))
    assert _events(content_db) == {("topic", "vuokravelka", "Tuusula", "", "", 0): 2}


async def test_municipality_question_is_not_an_answer_yet(content_db):
    await _run(ActionAnswerTopic(), tracker("asunnon_haku"))
    assert _events(content_db) == {}
    reply = tracker("inform_kunta", slots={"kunta": "Järvenpää", "pending_topic": "asunnon_haku"},
                    entities=[{"entity": "kunta", "value": "Järvenpää"}])
    await _run(ActionAnswerTopic(), reply)
    assert _events(content_db) == {("topic", "asunnon_haku", "Järvenpää", "", "", 0): 1}


async def test_hidden_homelessness_question_is_counted(content_db):
    await _run(ActionAnswerTopic(), tracker("piiloasunnottomuus", slots={"kunta": "Hyvinkää"}))
    events = _events(content_db)
    assert events[("hidden_homelessness", "piiloasunnottomuus", "Hyvinkää", "", "", 0)] == 1
    assert events[("topic", "piiloasunnottomuus", "Hyvinkää", "", "", 0)] == 1


async def test_fallback_is_counted_without_the_text(content_db):
    await _run(ActionFallbackTopics(), tracker("nlu_fallback", text="mikä ihme on kämppis"))
    assert _events(content_db) == {("fallback", "", "", "", "", 0): 1}


async def test_completed_audit_counts_level_mode_municipality_and_hidden_homelessness(
        content_db):
    slots = {"kartoitus_tila": "itse", "k01_asuminen": "kaverin_luona", "kunta": "Mäntsälä"}
    await _run(ActionAuditResult(), tracker("affirm", slots=slots))
    events = _events(content_db)
    assert events[("audit", "", "Mäntsälä", "korkea", "itse", 0)] == 1
    assert events[("hidden_homelessness", "kartoitus", "Mäntsälä", "", "itse", 0)] == 1


async def test_contact_request_is_counted_only_when_stored(content_db):
    slots = {"yhteystieto": "0401234567", "kunta": "Tuusula", "paras_aika": "ihan sama",
             "tilanne": "-", "last_topic": "vuokravelka"}
    await _run(ActionSubmitContact(), tracker("affirm", slots={**slots, "suostumus": False}))
    assert _events(content_db) == {}
    await _run(ActionSubmitContact(), tracker("affirm", slots={**slots, "suostumus": True}))
    assert _events(content_db) == {("contact_request", "", "Tuusula", "", "", 0): 1}


async def test_replies_are_given_when_the_database_is_down(broken_db, caplog):
    topic = await _run(ActionAnswerTopic(), tracker("vuokravelka", slots={"kunta": "Tuusula"}))
    fallback = await _run(ActionFallbackTopics(), tracker("nlu_fallback", text="höpö höpö"))
    audit = await _run(ActionAuditResult(), tracker("affirm", slots={
        "kartoitus_tila": "itse", "k01_asuminen": "kaverin_luona"}))
    assert topic and fallback and audit
    assert "statistics event topic not stored" in caplog.text
    assert "höpö" not in caplog.text
