"""Assigned inbox messages become data/nlu/candidates.yml entries: intent, text, count."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import select

from bot.services import inbox
from bot.services.inbox_export import write_candidates
from bot.store.models import UnansweredMessage
from tests.staff import fresh_db

INTENTS = ["vuokravelka", "asumistuki"]


@pytest.fixture
def db(database_url):
    """A migrated database (SQLite, then PostgreSQL)."""
    database = fresh_db(database_url)
    yield database
    database.engine.dispose()


def _ids_by_text(db):
    with db.session() as session:
        return {r.text: r.id for r in session.scalars(select(UnansweredMessage))}


def test_candidates_are_assigned_texts_by_intent_with_counts(db, tmp_path):
    for text in ("hissi rikki", "hissi rikki", "kissa asuntoon", "ei liitetty"):
        inbox.record(db=db, text=text, ranking=[])
    ids = _ids_by_text(db)
    with db.session() as session:
        all_ids = [str(i) for i in session.scalars(select(UnansweredMessage.id))]
    hissi = [i for i in all_ids if i != str(ids["kissa asuntoon"]) and i != str(ids["ei liitetty"])]
    inbox.assign(db, ids=hissi, intent="vuokravelka", intents=INTENTS, actor="e")
    inbox.assign(db, ids=[str(ids["kissa asuntoon"])], intent="asumistuki", intents=INTENTS,
                 actor="e")
    path = tmp_path / "nlu" / "candidates.yml"
    assert write_candidates(db, path) == 2
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Candidate NLU examples") and "NOT training data" in text
    assert yaml.safe_load(text) == {"candidates": [
        {"intent": "asumistuki", "examples": [{"text": "kissa asuntoon", "count": 1}]},
        {"intent": "vuokravelka", "examples": [{"text": "hissi rikki", "count": 2}]},
    ]}
