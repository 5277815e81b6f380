"""Topic answers use case: ask the municipality, answer with services, or the domain default."""

from __future__ import annotations

import pytest

from bot.services import topic_answers
from bot.services.content import domain_default
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topic_answers import (
    ANSWER,
    ASK_AGAIN,
    ASK_MUNICIPALITY,
    DOMAIN_DEFAULT,
    MUNICIPALITY_NOTED,
)
from bot.services.topics import default_catalogue
from bot.store.db import Database, make_engine

TEXTS, CATALOGUE = default_dialogue_texts(), default_catalogue()


def answer(db, intent, municipality=None):
    return topic_answers.answer_topic(
        db=db, intent=intent, municipality=municipality, catalogue=CATALOGUE, texts=TEXTS
    )


def turn(db, named, pending=None, last=None, municipality=None):
    return topic_answers.municipality_turn(
        db=db, named=named, pending_topic=pending, last_topic=last, municipality=municipality,
        catalogue=CATALOGUE, texts=TEXTS,
    )


@pytest.fixture
def broken(tmp_path):
    db = Database(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"))
    yield db
    db.engine.dispose()


def test_general_topic_is_answered_with_next_step_buttons(content_db):
    outcome = answer(content_db, "vuokravelka")
    assert outcome.kind == ANSWER and outcome.intent == "vuokravelka"
    assert outcome.replies[0].text.startswith("Jos vuokra on jäänyt maksamatta")
    assert "/toimeentulotuki" in [p for _, p in outcome.replies[-1].buttons]


def test_local_topic_without_municipality_asks_it_with_seven_buttons(content_db):
    outcome = answer(content_db, "asunnon_haku")
    assert outcome.kind == ASK_MUNICIPALITY and outcome.intent == "asunnon_haku"
    (question,) = outcome.replies
    assert question.text == TEXTS.municipality["ask"] and len(question.buttons) == 7


def test_local_topic_with_municipality_lists_its_services(content_db):
    outcome = answer(content_db, "asunnon_haku", "Tuusula")
    assert outcome.kind == ANSWER
    assert any("Tuusulan ja koko alueen palveluja" in r.text for r in outcome.replies)


@pytest.mark.parametrize("intent", ["vuokravelka", "ei_ole_aihe"])
def test_store_failure_or_missing_answer_falls_back_to_the_domain_default(broken, content_db,
                                                                           intent):
    db = broken if intent == "vuokravelka" else content_db
    outcome = answer(db, intent)
    assert (outcome.kind, outcome.intent, outcome.replies) == (DOMAIN_DEFAULT, intent, ())
    assert domain_default(intent) == f"utter_{intent}"


def test_unknown_municipality_name_asks_again_for_the_pending_or_last_topic(content_db):
    outcome = turn(content_db, ["Espoo"], pending=None, last="asunnon_haku")
    assert (outcome.kind, outcome.intent) == (ASK_AGAIN, "asunnon_haku")
    assert turn(content_db, [], pending="muutto", last="x").intent == "muutto"


def test_municipality_answers_the_pending_topic(content_db):
    outcome = turn(content_db, ["Tuusula"], pending="asunnon_haku", municipality="Tuusula")
    assert (outcome.kind, outcome.intent) == (ANSWER, "asunnon_haku")


@pytest.mark.parametrize(("municipality", "expected"), [
    ("Tuusula", TEXTS.municipality["saved"].format(genitive=TEXTS.genitive("Tuusula"))),
    ("muu", TEXTS.municipality["other"]),
])
def test_municipality_without_a_pending_topic_is_noted(content_db, municipality, expected):
    outcome = turn(content_db, [municipality], municipality=municipality)
    assert outcome.kind == MUNICIPALITY_NOTED and [r.text for r in outcome.replies] == [expected]


def test_digression_gets_the_stored_text_or_none(content_db, broken):
    text = topic_answers.digression_answer(db=content_db, intent="muutto", municipality=None)
    assert text.startswith("Muuttoilmoitus on pakollinen")
    assert topic_answers.digression_answer(db=broken, intent="muutto", municipality=None) is None
    assert topic_answers.digression_answer(db=content_db, intent="x", municipality=None) is None
