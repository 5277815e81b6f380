"""Audit summary page use case: found, not found, expired, unavailable, deleted."""

from __future__ import annotations

import pytest

from bot.audit.definition import default_definition
from bot.config import Settings
from bot.services import audit_summary_pages as pages
from bot.services.content import WebTexts
from bot.store import audit_results
from bot.store.db import Database, make_engine

TEXTS = WebTexts.from_file(Settings().web_content_path).summary


def save(db, municipality="Tuusula"):
    return audit_results.create(
        db=db, mode="itse", municipality=municipality, answers={"k05_rastit": "yli_kaksi_kk"},
        level="korkea", total=15, reasons=["Vuokra on rästissä."], professional_consent="",
        retention_days=30,
    )


def show(db, code):
    return pages.show_summary(db=db, code=code, definition=default_definition(), texts=TEXTS)


def test_stored_summary_is_found_with_local_services(content_db):
    code = save(content_db)
    outcome = show(content_db, code)
    assert outcome.status == pages.FOUND and outcome.view.reference == code
    assert outcome.view.services and outcome.view.municipality == "Tuusula"


@pytest.mark.parametrize("code", ["ABCD2345", "lyhyt", "abcd2345"])
def test_unknown_or_malformed_code_is_not_found(content_db, code):
    assert show(content_db, code) == pages.SummaryOutcome(pages.NOT_FOUND)


def test_deleted_once_then_not_found(content_db):
    code = save(content_db)
    assert pages.delete_summary(db=content_db, code=code).status == pages.DELETED
    assert pages.delete_summary(db=content_db, code=code).status == pages.NOT_FOUND
    assert show(content_db, code).status == pages.NOT_FOUND


def test_database_failure_is_unavailable(tmp_path):
    db = Database(make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"))
    assert show(db, "ABCD2345").status == pages.UNAVAILABLE
    assert pages.delete_summary(db=db, code="ABCD2345").status == pages.UNAVAILABLE
    db.engine.dispose()
