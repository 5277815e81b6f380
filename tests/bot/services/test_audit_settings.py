"""Saving audit settings on SQLite and PostgreSQL: checked, versioned, logged, rolled back."""

from __future__ import annotations

import copy

import pytest
import yaml

from bot.paths import CONTENT_DIR
from bot.services import audit_settings as settings
from bot.services.audit_rules import default_context
from bot.store import audit_definitions
from tests.staff import fresh_db, log_actions

ADMIN = "admin@keusote.example"
TEXTS = yaml.safe_load((CONTENT_DIR / "staff.yml").read_text(encoding="utf-8"))["admin_audit"]


@pytest.fixture
def db(database_url):
    database = fresh_db(database_url)
    yield database
    database.engine.dispose()


def edited(raw, korkea=17):
    candidate = copy.deepcopy(raw)
    candidate["cutoffs"]["korkea"] = korkea
    return candidate


def save(db, candidate, base, part="limits"):
    return settings.save(db, candidate=candidate, base=base, author=ADMIN, part=part,
                         context=default_context())


def test_nothing_saved_yet_means_the_file_is_in_use(db):
    live = settings.current(db)
    assert live.number is None and live.raw == settings.file_definition()


def test_the_first_save_keeps_the_file_as_version_one_and_logs_without_texts(db):
    outcome = save(db, edited(settings.file_definition()), None)
    assert (outcome.status, outcome.version) == (settings.SAVED, 2)
    history = audit_definitions.list(db=db)
    assert [(v.id, v.author) for v in history] == [(2, ADMIN), (1, "")]
    assert audit_definitions.get_version(db=db, version=1).data == settings.file_definition()
    assert settings.current(db).raw["cutoffs"]["korkea"] == 17
    assert log_actions(db) == [(ADMIN, "audit_saved", "audit_definitions:2", "limits")]


def test_a_stale_form_is_refused_as_a_conflict(db):
    raw = settings.file_definition()
    assert save(db, edited(raw, 17), None).status == settings.SAVED
    outcome = save(db, edited(raw, 16), None)  # based on the file, but version 2 exists
    assert (outcome.status, outcome.version) == (settings.CONFLICT, 2)
    assert settings.current(db).raw["cutoffs"]["korkea"] == 17


def test_saving_the_same_definition_makes_no_version(db):
    assert save(db, settings.file_definition(), None).status == settings.UNCHANGED
    assert audit_definitions.list(db=db) == []


def test_a_definition_breaking_a_property_is_not_saved_and_says_where(db):
    raw = settings.file_definition()
    candidate = copy.deepcopy(raw)
    court = candidate["questions"][3]["options"][4]
    assert court["id"] == "karajaoikeus"
    court["points"] = 0
    court.pop("floor")
    outcome = save(db, candidate, None, part="k04_vuokrasuhde")
    assert outcome.status == settings.INVALID and audit_definitions.list(db=db) == []
    (message,) = settings.problem_messages(outcome.problems, candidate, TEXTS)
    assert "vakavampi vastaus ei koskaan laske tasoa" in message
    assert "kysymyksessä 4" in message and "”Häätöhakemus käräjäoikeudessa”" in message
    assert "Korkea riski" in message and log_actions(db) == []


def test_rollback_saves_the_earlier_version_again_as_a_new_one(db):
    raw = settings.file_definition()
    save(db, edited(raw, 17), None)
    outcome = settings.rollback(db, version=1, base=2, author=ADMIN, context=default_context())
    assert (outcome.status, outcome.version) == (settings.SAVED, 3)
    assert settings.current(db).raw == raw
    assert audit_definitions.list(db=db)[0].restored_from == 1
    assert log_actions(db)[-1] == (ADMIN, "audit_rollback", "audit_definitions:3", "restore:1")
    assert settings.rollback(db, version=42, base=3, author=ADMIN,
                             context=default_context()).status == settings.NOT_FOUND


def test_every_problem_code_has_a_finnish_message():
    import inspect
    import re

    from bot.audit import properties
    from bot.services import audit_forms, audit_rules

    sources = "".join(inspect.getsource(m) for m in (properties, audit_forms, audit_rules))
    codes = set(re.findall(r'Problem\("([a-z_]+)"', sources))
    codes |= set(re.findall(r'Violation\("([a-z_]+)"', sources))
    codes |= {"worse_lowers", "skip_raises", "multi_lowers"}
    assert codes <= set(TEXTS["problems"]), codes - set(TEXTS["problems"])
