"""Audit results on SQLite and PostgreSQL: expiry from the definition, purge, delete."""

from __future__ import annotations

from datetime import timedelta

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.audit_result import ActionAuditResult
from bot.audit.definition import AUDIT_FILE
from bot.store import audit_definitions, audit_results
from bot.store.db import Database
from bot.store.models import AuditResultRow, utc_now
from tests.trackers import tracker


def save(db: Database, days: int) -> str:
    return audit_results.create(
        db=db, mode="itse", municipality="Hyvinkää", answers={"k01_asuminen": "oma"},
        level="matala", total=0, reasons=[], professional_consent="", retention_days=days,
    )


def stored_rows(db: Database) -> dict[str, AuditResultRow]:
    with db.session() as session:
        return {r.reference: r for r in session.scalars(select(AuditResultRow))}


def lifetime(row: AuditResultRow) -> timedelta:
    return row.expires_at - row.created_at


@pytest.mark.parametrize("days", [1, 30, 365])
def test_expiry_is_the_retention_after_creation(db, days):
    reference = save(db, days)
    row = stored_rows(db)[reference]
    assert abs(lifetime(row) - timedelta(days=days)) < timedelta(seconds=5)


def test_get_returns_what_was_stored(db):
    reference = save(db, 30)
    stored = audit_results.get(db=db, reference=reference)
    assert (stored.reference, stored.municipality) == (reference, "Hyvinkää")
    assert stored.level == "matala"
    assert stored.answers == {"k01_asuminen": "oma"} and stored.expires_at.tzinfo is not None


def test_get_removes_an_expired_summary(db):
    reference = save(db, 1)
    assert audit_results.get(db=db, reference=reference, now=utc_now() + timedelta(days=2)) is None
    assert stored_rows(db) == {}


def test_delete_expired_removes_only_expired_summaries(db):
    short, long = save(db, 1), save(db, 30)
    assert audit_results.delete_expired(db=db) == 0
    assert audit_results.delete_expired(db=db, now=utc_now() + timedelta(days=2)) == 1
    assert set(stored_rows(db)) == {long}
    assert audit_results.get(db=db, reference=short) is None
    assert audit_results.get(db=db, reference=long) is not None
    assert audit_results.delete_expired(db=db, now=utc_now() + timedelta(days=31)) == 1
    assert stored_rows(db) == {}


def test_delete_removes_one_summary_once(db):
    first, second = save(db, 30), save(db, 30)
    assert audit_results.delete(db=db, reference=first) is True
    assert audit_results.delete(db=db, reference=first) is False
    assert set(stored_rows(db)) == {second}


async def test_retention_days_of_the_live_definition_reaches_the_stored_expiry(content_db):
    raw = yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))
    raw["retention_days"] = 3  # differs from audit.yml and from the parser's default (30)
    audit_definitions.create(db=content_db, data=raw)
    dispatcher = CollectingDispatcher()
    slots = {"kartoitus_tila": "itse", "k01_asuminen": "oma"}
    await ActionAuditResult().run(dispatcher, tracker("affirm", slots=slots), {})
    (row,) = stored_rows(content_db).values()
    assert abs(lifetime(row) - timedelta(days=3)) < timedelta(seconds=5)
    assert any("3 päivää" in m["text"] for m in dispatcher.messages)


def test_the_scoring_version_is_stored_with_the_result(db):
    reference = audit_results.create(
        db=db, mode="itse", municipality="", answers={}, level="matala", total=0, reasons=[],
        professional_consent="", retention_days=30, definition_version=3)
    assert audit_results.get(db=db, reference=reference).definition_version == 3
    assert audit_results.get(db=db, reference=save(db, 30)).definition_version is None


async def test_the_action_records_the_version_of_the_live_definition(content_db):
    raw = yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))
    raw["cutoffs"]["kohonnut"] = 2
    audit_definitions.create(db=content_db, data=raw, force=True)
    version = audit_definitions.get(db=content_db)["version"]
    slots = {"kartoitus_tila": "itse", "k03_aiempi": "kerran"}  # 2 points
    await ActionAuditResult().run(CollectingDispatcher(), tracker("affirm", slots=slots), {})
    (row,) = stored_rows(content_db).values()
    assert (row.definition_version, row.level) == (version, "kohonnut")
