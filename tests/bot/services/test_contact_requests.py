"""Contact requests, the resident's side: answers checked, stored with a code, office hours."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.services.contact_requests import (
    SKIPPED,
    ContactInput,
    best_time_choice,
    best_time_typed,
    out_of_hours_note,
    situation_to_store,
    situation_typed,
    submit_request,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.office_hours import OfficeHours
from bot.store.db import Database, make_engine
from bot.store.models import ContactRequest
from bot.store.references import REFERENCE_ALPHABET

DIALOGUE = default_dialogue_texts()
WEEKDAYS_8_TO_15_FRIDAY_TO_13 = {0: [8, 15], 1: [8, 15], 2: [8, 15], 3: [8, 15], 4: [8, 13]}
TEAM_HOURS = OfficeHours.from_config(
    {"timezone": "Europe/Helsinki", "hours": WEEKDAYS_8_TO_15_FRIDAY_TO_13}
)
WEDNESDAY_NOON = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
REQUEST = ContactInput("0401234567", "Järvenpää", "aamupäivällä", "häätö", "vuokravelka")


def submit(db, consent=True, now=WEDNESDAY_NOON, hours=None):
    return submit_request(db=db, request=REQUEST, consent=consent, now=now, dialogue=DIALOGUE,
                          hours=hours)


def test_consented_request_is_stored_with_status_uusi_and_code(content_db):
    outcome = submit(content_db)
    assert len(outcome.reference) == 8 and set(outcome.reference) <= set(REFERENCE_ALPHABET)
    assert outcome.messages == (DIALOGUE.contact["saved"].format(reference=outcome.reference),)
    with content_db.session() as session:
        row = session.scalars(select(ContactRequest)).one()
    assert (row.reference, row.status, row.contact) == (outcome.reference, "uusi", "0401234567")
    assert (row.situation, row.topic) == ("häätö", "vuokravelka")


def test_without_consent_nothing_is_stored(content_db):
    outcome = submit(content_db, consent=False)
    assert outcome.reference is None and outcome.messages == (DIALOGUE.contact["no_consent"],)
    with content_db.session() as session:
        assert session.scalars(select(ContactRequest)).all() == []


def test_storage_failure_is_told(tmp_path):
    db = Database(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"))
    outcome = submit(db)
    assert outcome.reference is None and outcome.messages == (DIALOGUE.contact["storage_failed"],)
    db.engine.dispose()


def test_out_of_hours_submit_adds_the_next_opening(content_db):
    friday_evening = datetime(2026, 11, 27, 12, 30, tzinfo=timezone.utc)
    outcome = submit(content_db, now=friday_evening, hours=TEAM_HOURS)
    assert len(outcome.messages) == 2 and "maanantaina klo 8" in outcome.messages[1]


@pytest.mark.parametrize(("moment", "expected"), [
    (WEDNESDAY_NOON, None),  # Wed 12:00 Helsinki
    (datetime(2026, 11, 27, 12, 30, tzinfo=timezone.utc), "maanantaina klo 8"),  # Fri 14:30
    (datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc), "torstaina klo 8"),  # Wed 22:00
])
def test_out_of_hours_note_when_the_county_has_set_hours(moment, expected):
    note = out_of_hours_note(moment, DIALOGUE, TEAM_HOURS)
    assert (note is None) if expected is None else (expected in note and "112" in note)


def test_no_callback_time_is_promised_while_the_hours_are_unset():
    # The team's hours are a deployment setting; the repository's dialogue.yml sets none.
    friday_night = datetime(2026, 11, 27, 20, 0, tzinfo=timezone.utc)
    assert out_of_hours_note(friday_night, DIALOGUE) is None
    unset = OfficeHours({}, ZoneInfo("Europe/Helsinki"))
    assert out_of_hours_note(friday_night, DIALOGUE, unset) is None


@pytest.mark.parametrize(("text", "failures", "value", "as_is"), [
    ("aamupäivällä", 0, "aamupäivällä", False),
    ("banaani", 1, None, False),
    ("banaani", 2, "banaani", True),
    ("", 3, None, False),
])
def test_typed_best_time(text, failures, value, as_is):
    typed = best_time_typed(text, failures)
    assert (typed.value, typed.taken_as_is) == (value, as_is)


def test_typed_best_time_is_cut_to_200_characters():
    assert len(best_time_typed("maanantaina " * 40, 0).text) == 200


def test_best_time_button_must_be_one_of_the_question():
    assert best_time_choice("aamu", {"aamu", "ilta"}) == "aamu"
    assert best_time_choice("yö", {"aamu", "ilta"}) is None


@pytest.mark.parametrize(("text", "value", "skipped"), [
    ("", SKIPPED, True),
    ("  Vuokra   rästissä ", "Vuokra rästissä", False),
    ("x" * 600, "x" * 500, False),
])
def test_typed_situation(text, value, skipped):
    answer = situation_typed(text)
    assert (answer.value, answer.skipped) == (value, skipped)


@pytest.mark.parametrize(("slot", "stored"), [(None, ""), (SKIPPED, ""), ("häätö", "häätö")])
def test_skipped_situation_is_stored_empty(slot, stored):
    assert situation_to_store(slot) == stored
