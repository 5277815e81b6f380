"""`action_fallback_topics`: topics, then rephrase, then contact; unanswered messages stored."""

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.fallback import ActionFallbackTopics
from bot.store.models import UnansweredMessage
from tests.trackers import tracker

RANKING = [
    {"name": n, "confidence": c}
    for n, c in [
        ("nlu_fallback", 0.4),
        ("vuokravelka", 0.3),
        ("greet", 0.1),
        ("kriisi", 0.1),
        ("toimeentulotuki", 0.05),
        ("velkaneuvonta", 0.03),
        ("asumistuki", 0.02),
    ]
]


async def run(misses=0, ranking=RANKING, text="jotain epäselvää"):
    dispatcher = CollectingDispatcher()
    t = tracker("nlu_fallback", text=text, confidence=0.4, ranking=ranking,
                slots={"fallback_count": float(misses)})
    events = await ActionFallbackTopics().run(dispatcher, t, {})
    return dispatcher.messages[0], events


async def test_first_miss_offers_top_three_topics_never_crisis(content_db):
    message, events = await run()
    assert message["text"].startswith("En ole varma")
    assert [b["payload"] for b in message["buttons"]] == [
        "/vuokravelka", "/toimeentulotuki", "/velkaneuvonta"
    ]
    assert events == [{"event": "slot", "timestamp": None, "name": "fallback_count", "value": 1.0}]


async def test_second_miss_asks_to_rephrase(content_db):
    message, _ = await run(misses=1)
    assert message["text"].startswith("En valitettavasti")
    assert len(message["buttons"]) == 4


async def test_first_miss_without_likely_topic_asks_to_rephrase(content_db):
    message, _ = await run(ranking=[{"name": "nlu_fallback", "confidence": 0.9}])
    assert message["text"].startswith("En valitettavasti")


async def test_third_miss_offers_contact(content_db):
    message, events = await run(misses=2)
    assert "yhteydenottopyynnön" in message["text"] and "112" in message["text"]
    assert message["buttons"][0]["payload"] == "/human_handoff"
    assert events[0]["value"] == 3.0


async def test_unanswered_text_is_stored_without_identifiers(content_db):
    await run(text="onks teil saunavuoroja")
    with content_db.session() as session:
        rows = session.scalars(select(UnansweredMessage)).all()
    assert [r.text for r in rows] == ["onks teil saunavuoroja"]
    assert rows[0].intent_ranking[0] == {"intent": "nlu_fallback", "confidence": 0.4}


async def test_button_payloads_are_not_stored(content_db):
    await run(text="/vuokravelka")
    with content_db.session() as session:
        assert session.scalars(select(UnansweredMessage)).all() == []


async def test_database_down_still_answers(broken_db):
    message, _ = await run()
    assert message["buttons"]


async def test_stored_text_is_masked(content_db):
    await run(text="oon 131052-308T, soittakaa +358401234567 tai matti@example.com")
    with content_db.session() as session:
        row = session.scalars(select(UnansweredMessage)).one()
    assert row.text == "oon [henkilötunnus], soittakaa [puhelinnumero] tai [sähköposti]"
    assert row.reason == "fallback" and row.state == "uusi"
