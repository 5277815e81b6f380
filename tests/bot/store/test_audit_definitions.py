"""The stored audit definition on SQLite and PostgreSQL: a new version only when it changes."""

from __future__ import annotations

import copy

import yaml

from bot.audit.definition import AUDIT_FILE
from bot.store import audit_definitions


def test_empty_database_has_no_definition(db):
    assert audit_definitions.get(db=db) is None


def test_definition_is_stored_only_when_it_changes(db):
    raw = yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))
    assert audit_definitions.create(db=db, data=raw) is True
    assert audit_definitions.create(db=db, data=copy.deepcopy(raw)) is False
    raw["retention_days"] = 7
    assert audit_definitions.create(db=db, data=raw) is True
    assert audit_definitions.get(db=db)["retention_days"] == 7


def file_raw():
    return yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))


def editor_version(db, data, author="admin@keusote.example", **fields):
    with db.session() as session:
        return audit_definitions.add(session=session, data=data, author=author, **fields)


def test_get_carries_the_version_number_that_is_never_stored(db):
    audit_definitions.create(db=db, data=file_raw())
    stored = audit_definitions.get(db=db)
    assert stored["version"] == audit_definitions.list(db=db)[0].id
    assert audit_definitions.create(db=db, data=stored) is False  # same data: no new version
    assert "version" not in audit_definitions.get_version(db=db, version=stored["version"]).data


def test_versions_keep_author_note_rollback_and_order(db):
    raw = file_raw()
    audit_definitions.create(db=db, data=raw)
    raw["cutoffs"]["korkea"] = 17
    second = editor_version(db, raw, note="raja alas")
    third = editor_version(db, file_raw(), restored_from=1)
    history = audit_definitions.list(db=db)
    assert [v.id for v in history] == [third, second, 1]
    assert (history[0].restored_from, history[1].note, history[2].author) == (1, "raja alas", "")
    assert history[1].author == "admin@keusote.example" and history[0].data == {}
    assert audit_definitions.previous_id(db=db, version=third) == second
    assert audit_definitions.previous_id(db=db, version=1) is None
    assert audit_definitions.get_version(db=db, version=second).data["cutoffs"]["korkea"] == 17
    assert audit_definitions.get_version(db=db, version=99) is None


def test_a_file_load_never_silently_replaces_an_editor_version(db, caplog):
    raw = file_raw()
    audit_definitions.create(db=db, data=raw)
    edited = copy.deepcopy(raw)
    edited["questions"][0]["text"] = "Missä asut nyt?"
    editor_version(db, edited)
    assert audit_definitions.create(db=db, data=raw) is False  # audit.yml unchanged: quiet
    assert not caplog.records and audit_definitions.blocking_edit(db=db, data=raw) is None
    raw["retention_days"] = 14  # audit.yml changed after the edit: skipped with a warning
    assert audit_definitions.blocking_edit(db=db, data=raw) is not None
    assert audit_definitions.create(db=db, data=raw) is False
    assert "admin editor" in caplog.text
    assert audit_definitions.get(db=db)["questions"][0]["text"] == "Missä asut nyt?"
    assert audit_definitions.create(db=db, data=raw, force=True) is True
    assert audit_definitions.get(db=db)["retention_days"] == 14
