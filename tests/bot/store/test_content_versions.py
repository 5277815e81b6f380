"""Versions of content and `content load` keeping editor edits (SQLite, then PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.paths import DOMAIN_DIR
from bot.services.content_editor import editor_rules, restore_answer, save_answer, save_service
from bot.store import content_entries, content_versions, topic_answers
from bot.store.content_data import answer_data, service_data
from bot.store.content_files import load_answers, load_services
from bot.store.loader import load_content

RULES = editor_rules(DOMAIN_DIR, date(2026, 11, 26))
NEW_TEXT = "Tee muuttoilmoitus verkossa. Ilmoita muutosta myös Kelalle."


def _edit_muutto(db, text: str = NEW_TEXT):
    with db.session() as session:
        data = answer_data(content_entries.get_answer(session=session, intent="muutto"))
    return save_answer(db, intent="muutto", data={**data, "text": text}, author="eero",
                       rules=RULES)


def test_first_load_records_version_one_and_a_second_load_adds_none(db):
    load_content(db, load_answers(), load_services())
    load_content(db, load_answers(), load_services())
    versions = content_versions.list(db=db, kind="answer", key="muutto")
    assert [(v.number, v.origin) for v in versions] == [(1, "tiedosto")]
    assert len(content_versions.latest_by_key(db=db, kind="service")) == len(load_services())


def test_save_and_restore_are_versions_and_go_live(db):
    load_content(db, load_answers(), load_services())
    original = topic_answers.get(db=db, intent="muutto").text
    outcome = _edit_muutto(db)
    assert outcome.saved and outcome.number == 2
    assert topic_answers.get(db=db, intent="muutto").text == NEW_TEXT
    assert _edit_muutto(db).unchanged
    restored = restore_answer(db, intent="muutto", number=1, author="eero", rules=RULES)
    assert restored.saved and restored.number == 3
    assert topic_answers.get(db=db, intent="muutto").text == original


def test_unsourced_phone_is_refused_by_field(db):
    load_content(db, load_answers(), load_services())
    outcome = _edit_muutto(db, NEW_TEXT + " Soita 040 765 4321.")
    assert not outcome.saved
    assert [(p.field, p.code, p.detail) for p in outcome.problems] == [
        ("text", "unknown_phone", "040 765 4321")]


def test_removed_variant_row_is_deleted(db):
    load_content(db, load_answers(), load_services())
    with db.session() as session:
        data = answer_data(content_entries.get_answer(session=session, intent="asunnon_haku"))
    data["variants"] = {"Hyvinkää": data["variants"]["Hyvinkää"]}
    assert save_answer(db, intent="asunnon_haku", data=data, author="eero", rules=RULES).saved
    local = topic_answers.get(db=db, intent="asunnon_haku", municipality="Pornainen")
    assert local.municipality == "kaikki"


def test_load_skips_an_editor_edit_and_force_overwrites_it(db):
    load_content(db, load_answers(), load_services())
    _edit_muutto(db)
    counts = load_content(db, load_answers(), load_services())
    assert [(s.kind, s.key, s.author, s.number) for s in counts.skipped] == [
        ("answer", "muutto", "eero", 2)]
    assert counts.updated == 0
    assert topic_answers.get(db=db, intent="muutto").text == NEW_TEXT
    forced = load_content(db, load_answers(), load_services(), force=True)
    assert forced.updated == 1 and not forced.skipped
    assert topic_answers.get(db=db, intent="muutto").text != NEW_TEXT
    assert content_versions.list(db=db, kind="answer", key="muutto")[0].origin == "tiedosto"
    # After the forced load the file is the newest version: the next load changes nothing.
    assert not load_content(db, load_answers(), load_services()).skipped


def test_load_of_the_edited_content_itself_is_not_a_skip(db):
    load_content(db, load_answers(), load_services())
    _edit_muutto(db)
    answers = [replace(a, text=NEW_TEXT) if a.intent == "muutto" else a for a in load_answers()]
    counts = load_content(db, answers, load_services())
    assert not counts.skipped and (counts.added, counts.updated) == (0, 0)


def test_service_save_checks_phone_and_records_author(db):
    load_content(db, load_answers(), load_services())
    with db.session() as session:
        data = service_data(content_entries.get_service(session=session, key="hyva"))
    bad = save_service(db, key="hyva", data={**data, "phone": "abc"}, author="eero", rules=RULES)
    assert [p.code for p in bad.problems] == ["phone_invalid"]
    good = save_service(db, key="hyva", data={**data, "hours": "Ma 9–12"}, author="eero",
                        rules=RULES)
    assert good.saved
    newest = content_versions.list(db=db, kind="service", key="hyva")[0]
    assert (newest.author, newest.data["hours"]) == ("eero", "Ma 9–12")
