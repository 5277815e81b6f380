"""Topic answers in the database; keyword-only verbs, the database passed in."""

from __future__ import annotations

import builtins

from sqlalchemy import bindparam, select

from bot.municipalities import ANY_MUNICIPALITY
from bot.store.db import Database
from bot.store.models import TopicAnswer
from bot.store.records import TopicAnswerRecord

STORED_ANY = ""  # how migration 0001 keys the general answer; ANY_MUNICIPALITY everywhere else
# Built once, with parameters: SQLAlchemy then computes its cache key once, not per answer.
BY_INTENT_AND_MUNICIPALITIES = select(TopicAnswer).where(
    TopicAnswer.intent == bindparam("intent"),
    TopicAnswer.municipality.in_(bindparam("municipalities", expanding=True)),
)


def _stored(municipality: str) -> str:
    return STORED_ANY if municipality == ANY_MUNICIPALITY else municipality


def _record(row: TopicAnswer) -> TopicAnswerRecord:
    return TopicAnswerRecord(
        intent=row.intent,
        municipality=ANY_MUNICIPALITY if row.municipality == STORED_ANY else row.municipality,
        text=row.text,
        sources=tuple(row.sources or ()),
        checked=row.checked,
        next_steps=tuple(row.next_steps or ()),
        service_categories=tuple(row.service_categories or ()),
        needs_municipality=row.needs_municipality,
        offers_contact=row.offers_contact,
    )


def row_values(record: TopicAnswerRecord) -> dict:
    """The column values of a record (the loader compares them with the stored row)."""
    return {
        "intent": record.intent,
        "municipality": _stored(record.municipality),
        "text": record.text,
        "sources": builtins.list(record.sources),
        "checked": record.checked,
        "next_steps": builtins.list(record.next_steps),
        "service_categories": builtins.list(record.service_categories),
        "needs_municipality": record.needs_municipality,
        "offers_contact": record.offers_contact,
    }


def row_key(record: TopicAnswerRecord) -> tuple[str, str]:
    """Primary key of the record's row."""
    return record.intent, _stored(record.municipality)


def get(*, db: Database, intent: str, municipality: str | None = None) -> TopicAnswerRecord | None:
    """The answer for a topic, preferring the municipality's own variant to the general one."""
    keys = [_stored(m) for m in (municipality, ANY_MUNICIPALITY) if m is not None]
    with db.session() as session:
        rows = session.scalars(
            BY_INTENT_AND_MUNICIPALITIES, {"intent": intent, "municipalities": keys}).all()
        if not rows:
            return None
        return _record(sorted(rows, key=lambda r: r.municipality == STORED_ANY)[0])


def list(*, db: Database) -> builtins.list[TopicAnswerRecord]:  # noqa: A001
    """Every stored answer and variant, by intent."""
    with db.session() as session:
        rows = session.scalars(
            select(TopicAnswer).order_by(TopicAnswer.intent, TopicAnswer.municipality)
        ).all()
        return [_record(r) for r in rows]
