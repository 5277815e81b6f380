"""`action_fallback_topics`: likeliest topics as buttons, or a rephrase request."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackTopics


def tracker_with_ranking(ranking):
    latest = {
        "text": "jotain epäselvää",
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": ranking,
        "entities": [],
    }
    return Tracker("test", {}, latest, [], False, None, {}, "action_listen")


async def run(ranking):
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackTopics().run(dispatcher, tracker_with_ranking(ranking), {})
    return dispatcher.messages, events


async def test_offers_top_three_topics_as_buttons():
    ranking = [
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
    messages, events = await run(ranking)
    assert events == []
    assert messages[0]["text"].startswith("En ole varma")
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == ["/vuokravelka", "/toimeentulotuki", "/velkaneuvonta"]
    assert all(b["title"] for b in messages[0]["buttons"])


async def test_asks_to_rephrase_when_no_topic_is_likely():
    messages, _ = await run([{"name": "nlu_fallback", "confidence": 0.9}, {"name": "greet"}])
    assert messages[0]["text"].startswith("En valitettavasti")
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/vuokravelka",
        "/asumistuki",
        "/asunnon_haku",
        "/asunnoton_nyt",
    ]


async def test_missing_ranking_is_handled():
    messages, _ = await run(None)
    assert messages[0]["text"].startswith("En valitettavasti")
