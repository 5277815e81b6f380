"""Professional mode: the result, the level summary and the reasons speak of the client."""

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.audit_result import ActionAuditResult
from actions.store import database
from bot.audit.definition import default_definition
from bot.store import audit_results
from tests.trackers import tracker

# Second-person forms that the resident wording uses and a worker must not be addressed with.
SECOND_PERSON = re.compile(
    r"\b(sinä|sinulla|sinun|sinua|asumisesi|asut|yövyt|lähdet|olet|et|sait|kerroit|ohitit|"
    r"pidät|vapaudut|muutat|vastauksissasi|nimeäsi|tuloksesi|joudut|asunnostasi)\b",
    re.IGNORECASE,
)

ANSWERS_PER_LEVEL = {
    "matala": {"k06_tulot": "juuri_ja_juuri"},
    "kohonnut": {"k05_rastit": "yksi_kaksi_kk", "k06_tulot": "eivat_riita"},
    "korkea": {"k04_vuokrasuhde": "irtisanominen", "k03_aiempi": "useammin"},
    "akuutti": {"k02_yopaikka": "ei_tanaan", "k12_tukiverkko": "ei"},
}


async def finish(slots):
    dispatcher = CollectingDispatcher()
    events = await ActionAuditResult().run(dispatcher, tracker("affirm", slots=slots), {})
    return [m["text"] for m in dispatcher.messages], {e["name"]: e["value"] for e in events}


@pytest.mark.parametrize("level", list(ANSWERS_PER_LEVEL))
async def test_professional_result_never_addresses_the_worker_as_the_client(content_db, level):
    slots = {"kartoitus_tila": "ammattilainen", **ANSWERS_PER_LEVEL[level]}
    texts, events = await finish(slots)
    title = default_definition().levels[level].title
    assert texts[0].startswith(f"Kartoituksen tulos: {title}")
    assert "Asiak" in texts[0]
    for text in texts:
        assert not SECOND_PERSON.search(text), text
    if "tilanne" in events:
        assert not SECOND_PERSON.search(events["tilanne"])


async def test_resident_result_keeps_the_second_person(content_db):
    texts, _ = await finish({"kartoitus_tila": "itse", **ANSWERS_PER_LEVEL["korkea"]})
    assert "Asumisesi on vaarassa" in texts[0]
    assert "Sait irtisanomis" in texts[1]


async def test_professional_reasons_are_stored_in_professional_wording(content_db):
    texts, _ = await finish({"kartoitus_tila": "ammattilainen", **ANSWERS_PER_LEVEL["korkea"]})
    code = re.search(r"/kartoitus/([A-Z0-9]{8})", "\n".join(texts)).group(1)
    stored = audit_results.get(db=database(), reference=code)
    assert stored.reasons and all(r.startswith("Asiakas") for r in stored.reasons)


async def test_crisis_reason_in_professional_mode_speaks_of_the_client(content_db):
    texts, _ = await finish({"kartoitus_tila": "ammattilainen", "kartoitus_kriisi": True})
    assert "Asiakas kertoi kartoituksen aikana" in "\n".join(texts)


def test_every_professional_wording_is_third_person():
    definition = default_definition()
    wordings = [definition.crisis_reason_professional]
    wordings += [r.summary_professional for r in definition.levels.values()]
    wordings += [
        o.reason_professional for q in definition.questions for o in q.options if o.reason
    ]
    assert all(wordings)
    for wording in wordings:
        assert not SECOND_PERSON.search(wording), wording
