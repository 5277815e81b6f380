"""Unanswered messages: the text (cut) and the intent ranking, nothing that identifies anyone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.store import unanswered
from bot.store.models import StaffUser, UnansweredMessage, as_utc, utc_now
from tests.staff import add_user


def test_unanswered_message_keeps_text_and_ranking_only(db):
    ranking = [{"name": "nlu_fallback", "confidence": 0.41, "id": 123}]
    unanswered.create(db=db, text="mikä on kämppis" * 200, ranking=ranking)
    with db.session() as session:
        row = session.scalars(select(UnansweredMessage)).one()
    assert len(row.text) == 1000
    assert row.intent_ranking == [{"intent": "nlu_fallback", "confidence": 0.41}]
    assert not hasattr(row, "sender")


def _ids(db):
    with db.session() as session:
        return list(session.scalars(select(UnansweredMessage.id).order_by(UnansweredMessage.id)))


def test_list_update_delete_and_count_by_state(db):
    for text in ("eka", "toka", "kolmas"):
        unanswered.create(db=db, text=text, ranking=[], reason="epavarma")
    first, second, third = _ids(db)
    assert [m.text for m in unanswered.list_messages(db=db, state="uusi")][0] == "kolmas"
    assert unanswered.update(db=db, ids=[first], state="liitetty", intent="greet") == 1
    assert unanswered.delete(db=db, ids=[second]) == 1
    assert unanswered.update(db=db, ids=[], state="liitetty") == 0
    assert [(m.text, m.intent) for m in unanswered.list_messages(db=db, state="liitetty")] == [
        ("eka", "greet")]
    assert unanswered.count_new(db=db, since=None) == 1
    assert unanswered.count_new(db=db, since=utc_now() + timedelta(minutes=1)) == 0
    assert unanswered.delete_created_before(db=db, moment=utc_now() + timedelta(seconds=1)) == 2
    assert _ids(db) == [] and third


def test_inbox_visit_is_remembered_per_user(db):
    add_user(db, "eero@keusote.example", "editor")
    with db.session() as session:
        user_id = session.scalars(select(StaffUser.id)).one()
    assert unanswered.get_visit(db=db, user_id=user_id) is None
    moment = utc_now()
    unanswered.set_visit(db=db, user_id=user_id, moment=moment)
    unanswered.set_visit(db=db, user_id=user_id, moment=moment)
    stored = unanswered.get_visit(db=db, user_id=user_id)
    assert stored is not None and abs((as_utc(stored) - moment).total_seconds()) < 1
