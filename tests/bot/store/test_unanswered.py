"""Unanswered messages: the text (cut) and the intent ranking, nothing that identifies anyone."""

from __future__ import annotations

from sqlalchemy import select

from bot.store import unanswered
from bot.store.models import UnansweredMessage


def test_unanswered_message_keeps_text_and_ranking_only(db):
    ranking = [{"name": "nlu_fallback", "confidence": 0.41, "id": 123}]
    unanswered.create(db=db, text="mikä on kämppis" * 200, ranking=ranking)
    with db.session() as session:
        row = session.scalars(select(UnansweredMessage)).one()
    assert len(row.text) == 1000
    assert row.intent_ranking == [{"intent": "nlu_fallback", "confidence": 0.41}]
    assert not hasattr(row, "sender")
