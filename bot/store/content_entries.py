"""Whole topic answers (general text and variants) and services: read and replace live rows."""

from __future__ import annotations

import builtins
from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store import services as service_store
from bot.store import topic_answers
from bot.store.content_files import AnswerEntry
from bot.store.db import Database
from bot.store.models import Service, TopicAnswer, utc_now
from bot.store.records import ServiceRecord
from bot.store.services import _record as service_record  # one row→record mapping
from bot.store.topic_answers import STORED_ANY


def _entry(rows: builtins.list[TopicAnswer]) -> AnswerEntry | None:
    general = next((r for r in rows if r.municipality == STORED_ANY), None)
    if general is None:
        return None
    return AnswerEntry(
        intent=general.intent,
        text=general.text,
        sources=tuple(general.sources or ()),
        checked=general.checked,
        next_steps=tuple(general.next_steps or ()),
        service_categories=tuple(general.service_categories or ()),
        needs_municipality=general.needs_municipality,
        offers_contact=general.offers_contact,
        variants={r.municipality: r.text for r in rows if r.municipality != STORED_ANY},
    )


def list_answers(*, session: Session) -> builtins.list[AnswerEntry]:
    """Every live answer with its variants, by intent."""
    rows = session.scalars(
        select(TopicAnswer).order_by(TopicAnswer.intent, TopicAnswer.municipality)
    ).all()
    grouped: dict[str, builtins.list[TopicAnswer]] = defaultdict(builtins.list)
    for row in rows:
        grouped[row.intent].append(row)
    entries = (_entry(group) for group in grouped.values())
    return [e for e in entries if e is not None]


def get_answer(*, session: Session, intent: str) -> AnswerEntry | None:
    """One live answer with its variants, or None."""
    rows = session.scalars(select(TopicAnswer).where(TopicAnswer.intent == intent)).all()
    return _entry(builtins.list(rows))


def put_answer(*, session: Session, entry: AnswerEntry) -> tuple[int, int, int]:
    """Make the live rows of one intent equal `entry`; (added, updated, unchanged) rows."""
    added = updated = unchanged = 0
    wanted = {}
    for record in entry.records():
        values = topic_answers.row_values(record)
        wanted[values["municipality"]] = values
    for municipality, values in wanted.items():
        row = session.get(TopicAnswer, (entry.intent, municipality))
        if row is None:
            session.add(TopicAnswer(**values, updated_at=utc_now()))
            added += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        for name, value in changed.items():
            setattr(row, name, value)
        if changed:
            row.updated_at = utc_now()
            updated += 1
        else:
            unchanged += 1
    stale = (TopicAnswer.intent == entry.intent,
             TopicAnswer.municipality.not_in(builtins.list(wanted)))
    removed = len(session.scalars(select(TopicAnswer.municipality).where(*stale)).all())
    if removed:
        session.execute(delete(TopicAnswer).where(*stale))
    return added, updated + removed, unchanged


def list_services(*, session: Session) -> builtins.list[ServiceRecord]:
    """Every service of the directory, by key."""
    rows = session.scalars(select(Service).order_by(Service.key)).all()
    return [service_record(r) for r in rows]


def get_service(*, session: Session, key: str) -> ServiceRecord | None:
    """One service by key, or None."""
    row = session.get(Service, key)
    return service_record(row) if row else None


def put_service(*, session: Session, record: ServiceRecord) -> str:
    """Insert or update one service; returns "added", "updated" or "unchanged"."""
    values = service_store.row_values(record)
    row = session.get(Service, record.key)
    if row is None:
        session.add(Service(**values, updated_at=utc_now()))
        return "added"
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(row, name, value)
    row.updated_at = utc_now()
    return "updated"


def answers(*, db: Database) -> builtins.list[AnswerEntry]:
    """Every live answer (own transaction)."""
    with db.session() as session:
        return list_answers(session=session)


def services(*, db: Database) -> builtins.list[ServiceRecord]:
    """Every live service (own transaction)."""
    with db.session() as session:
        return list_services(session=session)
