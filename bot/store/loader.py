"""Seeds the database from the content files; running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.store import services as service_store
from bot.store import topic_answers
from bot.store.content_files import AnswerEntry
from bot.store.db import Database
from bot.store.models import Service, TopicAnswer, utc_now
from bot.store.records import ServiceRecord


@dataclass
class LoadCounts:
    """What a load did, for the CLI to print."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _upsert(session, model, key: tuple, values: dict, counts: LoadCounts) -> None:
    row = session.get(model, key)
    if row is None:
        session.add(model(**values, updated_at=utc_now()))
        counts.added += 1
        return
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if not changed:
        counts.unchanged += 1
        return
    for name, value in changed.items():
        setattr(row, name, value)
    row.updated_at = utc_now()
    counts.updated += 1


def load_content(
    db: Database, answers: list[AnswerEntry], services: list[ServiceRecord]
) -> LoadCounts:
    """Insert or update every answer and service from the files (file wins over database)."""
    counts = LoadCounts()
    with db.session() as session:
        for entry in answers:
            for record in entry.records():
                values = topic_answers.row_values(record)
                _upsert(session, TopicAnswer, topic_answers.row_key(record), values, counts)
        for service in services:
            _upsert(session, Service, (service.key,), service_store.row_values(service), counts)
    return counts


def count_rows(db: Database) -> dict[str, int]:
    """Row counts of the content tables (for `content load` output and health checks)."""
    with db.session() as session:
        return {
            "answers": len(session.scalars(select(TopicAnswer.intent)).all()),
            "services": len(session.scalars(select(Service.key)).all()),
        }
