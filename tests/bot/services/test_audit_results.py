"""Audit results use case: score, store anonymously, compose in the mode's wording."""

from __future__ import annotations

import re

import pytest

from bot.audit.definition import default_definition
from bot.services.audit_results import AuditInput, finish_audit
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue
from bot.store import audit_results
from bot.store.db import Database, make_engine

DEFINITION, DIALOGUE = default_definition(), default_dialogue_texts()
HIGH = {"k04_vuokrasuhde": "irtisanominen", "k03_aiempi": "useammin"}
LOW = {"k06_tulot": "juuri_ja_juuri"}


def finish(db, answers, mode="itse", crisis=False, municipality="Tuusula"):
    audit = AuditInput(mode=mode, professional=mode == "ammattilainen", answers=answers,
                       crisis=crisis, municipality=municipality, professional_consent="")
    return finish_audit(db=db, audit=audit, definition=DEFINITION,
                        catalogue=default_catalogue(), dialogue=DIALOGUE)


def test_high_level_is_stored_linked_and_offers_contact(content_db):
    outcome = finish(content_db, {**HIGH, "k01_asuminen": None})
    assert outcome.level == "korkea" and outcome.offers_contact
    link = next(r.text for r in outcome.replies if "/kartoitus/" in r.text)
    assert re.search(r"/kartoitus/([A-Z0-9]{8})", link).group(1) == outcome.reference
    stored = audit_results.get(db=content_db, reference=outcome.reference)
    assert stored.level == "korkea" and "k01_asuminen" not in stored.answers
    assert [p for _, p in outcome.replies[-1].buttons] == ["/affirm", "/deny"]
    assert outcome.topic == f"kartoitus:korkea:{outcome.reference}"
    assert len(outcome.situation) <= 500


def test_low_level_offers_no_contact(content_db):
    outcome = finish(content_db, LOW)
    assert outcome.level == "matala" and not outcome.offers_contact
    assert outcome.situation == "" and outcome.topic == ""


def test_crisis_during_the_audit_makes_it_acute(content_db):
    assert finish(content_db, LOW, crisis=True).level == "akuutti"


def test_professional_mode_keeps_the_professional_wording(content_db):
    outcome = finish(content_db, HIGH, mode="ammattilainen")
    assert "Asiak" in outcome.replies[0].text
    stored = audit_results.get(db=content_db, reference=outcome.reference)
    assert stored.reasons and all(r.startswith("Asiakas") for r in stored.reasons)


def test_storage_failure_still_shows_the_result_without_a_link(tmp_path):
    db = Database(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"))
    outcome = finish(db, HIGH)
    assert outcome.reference is None and outcome.level == "korkea"
    assert DIALOGUE.audit["storage_failed"] in [r.text for r in outcome.replies]
    db.engine.dispose()


LOCAL_HEADER = DIALOGUE.services["header_local"].format(genitive=DIALOGUE.genitive("Tuusula"))
AREA_HEADER = DIALOGUE.services["header_area"]


@pytest.mark.parametrize(("municipality", "header"), [
    ("Tuusula", LOCAL_HEADER), ("muu", AREA_HEADER), (None, AREA_HEADER),
])
def test_services_are_listed_for_the_municipality(content_db, municipality, header):
    outcome = finish(content_db, HIGH, municipality=municipality)
    listings = [r.text for r in outcome.replies if r.text.startswith(header + "\n")]
    assert len(listings) == 1 and listings[0].count("\n• ") >= 1
