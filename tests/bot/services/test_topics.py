"""Topic catalogue used for fallback buttons."""


from bot.domain_files import load_domain
from bot.services.topics import TopicCatalogue, default_catalogue


def test_every_topic_intent_of_the_domain_has_a_title():
    domain = load_domain()
    responses = domain["responses"]
    topics = {r.removeprefix("utter_") for r in responses} & set(domain["intents"])
    topics -= {
        "greet",
        "goodbye",
        "thanks",
        "bot_challenge",
        "help",
        "out_of_scope",
        "affirm",
        "deny",
        "stop",
        "inform_kunta",
    }
    assert len(topics) == 29  # start_audit opens the audit form instead of a default answer
    assert topics | {"start_audit"} == set(default_catalogue().titles)


def test_likeliest_skips_non_topics_and_crisis_and_stops_at_limit():
    catalogue = TopicCatalogue(
        titles={"a": "A", "b": "B", "c": "C", "d": "D", "kriisi": "K"},
        fallback=default_catalogue().fallback,
    )
    ranking = [{"name": n} for n in ["nlu_fallback", "kriisi", "a", "greet", "b", "c", "d"]]
    assert catalogue.likeliest(ranking) == [("A", "/a"), ("B", "/b"), ("C", "/c")]
    assert catalogue.likeliest([{"name": "greet"}]) == []


def test_rephrase_topics_exist_in_the_catalogue():
    catalogue = default_catalogue()
    assert all(t in catalogue.titles for t in catalogue.fallback.rephrase_topics)
