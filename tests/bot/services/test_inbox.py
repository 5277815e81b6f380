"""The inbox: masked storing, low confidence, the grouped view, editors' decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import yaml
from sqlalchemy import select, update

from bot.paths import PROJECT_ROOT
from bot.services import inbox
from bot.store import unanswered
from bot.store.models import StaffUser, UnansweredMessage, utc_now
from tests.staff import add_user, fresh_db, log_actions

RANKING = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "vuokravelka", "confidence": 0.3},
           {"name": "asumistuki", "confidence": 0.2}]
INTENTS = ["vuokravelka", "asumistuki", "greet"]


@pytest.fixture
def db(database_url):
    """A migrated database (SQLite, then PostgreSQL) with one editor."""
    database = fresh_db(database_url)
    add_user(database, "eero@keusote.example", "editor")
    yield database
    database.engine.dispose()


def _editor(db) -> int:
    with db.session() as session:
        return session.scalars(select(StaffUser.id)).one()


def test_record_masks_before_storing_and_skips_payloads(db):
    assert inbox.record(db=db, text="soita 040 123 4567 tai a@b.fi, hetu 131052-308T",
                        ranking=RANKING)
    assert not inbox.record(db=db, text="/vuokravelka", ranking=RANKING)
    assert not inbox.record(db=db, text="   ", ranking=RANKING)
    with db.session() as session:
        rows = session.scalars(select(UnansweredMessage)).all()
    assert [r.text for r in rows] == [
        "soita [puhelinnumero] tai [sähköposti], hetu [henkilötunnus]"]
    assert rows[0].state == "uusi" and rows[0].reason == "fallback"


def test_low_confidence_is_above_the_fallback_threshold_of_config_yml():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] < inbox.LOW_CONFIDENCE
    assert inbox.is_low_confidence("vuokravelka", fallback["threshold"] + 0.05)
    assert not inbox.is_low_confidence("vuokravelka", inbox.LOW_CONFIDENCE)
    assert not inbox.is_low_confidence("nlu_fallback", 0.1)  # the ladder keeps those


def _ids_by_text(db):
    with db.session() as session:
        return {r.text: r.id for r in session.scalars(select(UnansweredMessage))}


def test_view_groups_with_counts_intents_and_new_badges(db):
    editor = _editor(db)
    for text in ("onks teil saunavuoroja", "onko teillä saunavuoroja", "voiko kissan pitää"):
        inbox.record(db=db, text=text, ranking=RANKING)
    first = inbox.inbox_view(db, user_id=editor)
    assert [(g.text, g.count, g.is_new) for g in first.groups] == [
        ("voiko kissan pitää", 1, True), ("onko teillä saunavuoroja", 2, True)]
    sauna = first.groups[1]
    assert sauna.samples == ("onks teil saunavuoroja",)
    assert [(s.intent, s.confidence) for s in sauna.top_intents] == [
        ("vuokravelka", 0.3), ("asumistuki", 0.2)]
    assert first.new_count == 3 and inbox.new_count(db, user_id=editor) == 0
    with db.session() as session:  # an older visit: only later messages are new
        session.execute(update(UnansweredMessage).values(created_at=utc_now() - timedelta(days=1)))
    inbox.record(db=db, text="voiko kissan pitää?", ranking=RANKING)
    assert inbox.new_count(db, user_id=editor) == 1
    second = inbox.inbox_view(db, user_id=editor)
    assert [(g.count, g.is_new) for g in second.groups] == [(2, True), (2, False)]


def test_assign_out_of_scope_and_delete_log_counts_never_texts(db):
    for text in ("kissa asuntoon", "sauna", "parkkipaikka", "hissi rikki"):
        inbox.record(db=db, text=text, ranking=RANKING)
    ids = _ids_by_text(db)
    assert inbox.assign(db, ids=[str(ids["kissa asuntoon"])], intent="nope", intents=INTENTS,
                        actor="eero") == "unknown_intent"
    assert inbox.assign(db, ids=["x"], intent="greet", intents=INTENTS,
                        actor="eero") == "nothing_selected"
    assert inbox.assign(db, ids=[str(ids["kissa asuntoon"]), str(ids["hissi rikki"])],
                        intent="vuokravelka", intents=INTENTS, actor="eero") is None
    assert inbox.mark_out_of_scope(db, ids=[str(ids["sauna"])], actor="eero") is None
    assert inbox.delete(db, ids=[str(ids["parkkipaikka"])], actor="eero") is None
    view = inbox.inbox_view(db, user_id=_editor(db))
    assert view.groups == () and view.assigned == (("vuokravelka", 2),)
    with db.session() as session:
        states = {r.text: (r.state, r.intent) for r in session.scalars(select(UnansweredMessage))}
    assert states == {"kissa asuntoon": ("liitetty", "vuokravelka"),
                      "hissi rikki": ("liitetty", "vuokravelka"), "sauna": ("ulkopuolinen", "")}
    entries = log_actions(db)
    assert [e[1:] for e in entries if e[1].startswith("inbox")] == [
        ("inbox_assign", "vuokravelka", "viestejä 2"), ("inbox_out_of_scope", "", "viestejä 1"),
        ("inbox_delete", "", "viestejä 1")]
    assert not any(word in str(entries) for word in ("kissa", "sauna", "parkki", "hissi"))


def test_unknown_intent_in_store_rows_does_not_break_the_view(db):
    unanswered.create(db=db, text="jotain", ranking=[])
    view = inbox.inbox_view(db, user_id=_editor(db))
    assert view.groups[0].top_intents == ()
