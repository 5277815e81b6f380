"""The fallback ladder through the real stack: three steps, each unclear message stored."""

from __future__ import annotations

import json

from bot.services.topics import default_catalogue
from tests.e2e.conversation import unclear_messages
from tests.e2e.stack import new_sender


def newest_unanswered_id(stack) -> int:
    return stack.query("select coalesce(max(id), 0) from unanswered_messages")[0][0]


def test_three_unclear_messages_climb_the_ladder_and_are_stored(stack):
    sender, catalogue = new_sender(), default_catalogue()
    fallback, before = catalogue.fallback, newest_unanswered_id(stack)
    unclear = unclear_messages(stack, 3)
    replies = [stack.chat(text, sender) for text in unclear]
    firsts = [reply[0]["text"] for reply in replies]
    assert firsts[0] in (fallback.suggest_topics, fallback.rephrase), firsts
    assert firsts[1:] == [fallback.rephrase, fallback.offer_contact], firsts
    assert [b["title"] for b in replies[2][0]["buttons"]] == [
        catalogue.titles[t] for t in fallback.offer_contact_topics]

    rows = stack.query("select text, intent_ranking from unanswered_messages where id > ? "
                       "order by id", before)
    assert [text for text, _ in rows] == unclear
    for _, ranking in rows:
        ranking = json.loads(ranking)
        assert ranking[0]["intent"] == "nlu_fallback" and len(ranking) <= 5
        assert all(set(entry) == {"intent", "confidence"} for entry in ranking)
    columns = {c[1] for c in stack.query("pragma table_info(unanswered_messages)")}
    assert not columns & {"sender", "sender_id", "conversation_id"}


def test_an_understood_message_starts_the_ladder_again(stack):
    sender, fallback = new_sender(), default_catalogue().fallback
    unclear = unclear_messages(stack, 3)
    stack.chat(unclear[0], sender)
    assert stack.chat(unclear[1], sender)[0]["text"] == fallback.rephrase
    stack.chat("miten haen asumistukea", sender)
    again = stack.chat(unclear[2], sender)
    assert again[0]["text"] in (fallback.suggest_topics, fallback.rephrase)
    assert again[0]["text"] != fallback.offer_contact
