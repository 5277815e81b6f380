"""Button payloads: their format, how the actions read them back, and the web allow-list."""

import json

import pytest

from bot.audit.definition import default_definition
from bot.config import Settings
from bot.domain_files import load_domain
from bot.safety.crisis import default_detector
from bot.services.button_payloads import (
    PAYLOAD_ONLY_INTENTS,
    all_payloads,
    choice_payload,
    choice_value,
    domain_payloads,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue


@pytest.fixture(scope="module")
def payloads() -> frozenset[str]:
    return all_payloads(
        default_definition(), default_dialogue_texts(), default_catalogue(), Settings().domain_path
    )


def test_choice_payload_is_rasa_intent_syntax_with_one_entity():
    payload = choice_payload("paras_aika", "aamupäivällä")
    assert payload == '/valinta{"valinta":"paras_aika:aamupäivällä"}'
    assert json.loads(payload[len("/valinta"):]) == {"valinta": "paras_aika:aamupäivällä"}


def message(intent: str, value: str | None) -> dict:
    entities = [] if value is None else [{"entity": "valinta", "value": value}]
    return {"intent": {"name": intent}, "entities": entities}


@pytest.mark.parametrize(("intent", "carried", "value"), [
    ("valinta", "k05_rastit:alle_kk", "alle_kk"),
    ("valinta", "k04_vuokrasuhde:ei", None),  # a button of another question
    ("valinta", "k05_rastit:", None),
    ("kriisi", "k05_rastit:alle_kk", None),  # typed: entities of other intents do not count
    ("valinta", None, None),
])
def test_choice_value_only_for_the_asked_slot(intent, carried, value):
    assert choice_value(message(intent, carried), "k05_rastit") == value


def test_every_domain_button_and_topic_is_allowed(payloads):
    assert domain_payloads(Settings().domain_path) <= payloads
    assert {f"/{topic}" for topic in default_catalogue().titles} <= payloads
    assert {"/greet", "/affirm", "/deny", "/inform_kunta"} <= payloads


def test_allow_list_holds_nothing_a_button_does_not_carry(payloads):
    assert "/restart" not in payloads and "/session_start" not in payloads
    assert '/inform_kunta{"kunta":"Tampere"}' not in payloads
    assert not any(p.startswith("/valinta") and "Tampere" in p for p in payloads)


def test_no_button_payload_looks_like_a_crisis(payloads):
    detector = default_detector()
    assert [p for p in payloads if detector.detect(p) and p != "/kriisi"] == []


def test_payload_only_intents_are_in_the_domain():
    domain = load_domain(Settings().domain_path)
    assert set(PAYLOAD_ONLY_INTENTS) <= set(domain["intents"])
    assert "valinta" in domain["entities"]
