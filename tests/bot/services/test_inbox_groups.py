"""Similar unanswered messages are grouped: deterministic, newest first, masks ignored."""

from __future__ import annotations

from datetime import timedelta

from bot.services import inbox_groups as inbox
from bot.store.models import UnansweredMessage, utc_now


def _message(id_: int, text: str, minutes_ago: int = 0, ranking=None) -> UnansweredMessage:
    return UnansweredMessage(id=id_, text=text, intent_ranking=ranking or [], reason="fallback",
                             state="uusi", intent="",
                             created_at=utc_now() - timedelta(minutes=minutes_ago))


def _texts(groups):
    return [[m.text for m in g] for g in groups]


def test_similarity_is_symmetric_and_folds_nothing_itself():
    a, b = "onks teil saunavuoroja", "onko teilla saunavuoroja"
    assert inbox.similarity(a, b) == inbox.similarity(b, a) > 0.75
    assert inbox.similarity("moi", "vuokra rastissa") < 0.5
    assert inbox.similarity("sama", "sama") == 1.0


def test_similar_texts_group_together_newest_first():
    messages = [
        _message(1, "Onko teillä saunavuoroja?", 50),
        _message(2, "onks teil saunavuoroja", 10),
        _message(3, "miten haen parkkipaikkaa", 30),
        _message(4, "Miten haen parkkipaikkaa??", 5),
        _message(5, "voiko kissan ottaa vuokra-asuntoon", 20),
    ]
    groups = inbox.group_messages(messages)
    assert _texts(groups) == [
        ["Miten haen parkkipaikkaa??", "miten haen parkkipaikkaa"],
        ["onks teil saunavuoroja", "Onko teillä saunavuoroja?"],
        ["voiko kissan ottaa vuokra-asuntoon"],
    ]


def test_grouping_is_deterministic_whatever_the_input_order():
    messages = [_message(i, text, i) for i, text in enumerate(
        ["kissa asuntoon", "kissa asuntoon?", "koira asuntoon", "saako koiran pitää", "kissa"])]
    first = _texts(inbox.group_messages(messages))
    assert _texts(inbox.group_messages(list(reversed(messages)))) == first


def test_word_order_and_a_masked_number_do_not_split_a_group():
    a = inbox.comparable("mitä teen kun vuokranantaja ei palauta takuuvuokraa")
    b = inbox.comparable("vuokranantaja ei palauta takuuvuokraa, soita [puhelinnumero]")
    assert "puhelinnumero" not in b
    assert inbox.similarity(a, b) >= inbox.SIMILARITY
    assert inbox.similarity("haato tulossa mita teen", "mita teen haato tulossa") == 1.0
    assert inbox.similarity("vuokra rastissa", "vuokra rastissa ja haato tulossa") < 0.75
