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
