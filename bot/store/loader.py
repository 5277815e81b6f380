"""Seeds the database from the content files; running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.store.content_files import AnswerEntry, ServiceEntry
from bot.store.db import Database
from bot.store.models import ALL_MUNICIPALITIES, Service, TopicAnswer, utc_now


@dataclass
class LoadCounts:
    """What a load did, for the CLI to print."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _answer_rows(entry: AnswerEntry) -> list[dict]:
    common = {
        "intent": entry.intent,
        "sources": list(entry.sources),
        "checked": entry.checked,
        "next_steps": list(entry.next_steps),
        "service_categories": list(entry.service_categories),
        "needs_municipality": entry.needs_municipality,
        "offers_contact": entry.offers_contact,
    }
    rows = [{**common, "municipality": ALL_MUNICIPALITIES, "text": entry.text}]
    rows += [{**common, "municipality": m, "text": t} for m, t in entry.variants.items()]
    return rows


def _service_row(entry: ServiceEntry) -> dict:
    return {
        "key": entry.key,
        "name": entry.name,
        "helps_with": entry.helps_with,
        "municipalities": list(entry.municipalities),
        "categories": list(entry.categories),
        "url": entry.url,
        "phone": entry.phone,
        "hours": entry.hours,
        "source": entry.source,
        "checked": entry.checked,
        "verified": entry.verified,
    }


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
    db: Database, answers: list[AnswerEntry], services: list[ServiceEntry]
) -> LoadCounts:
    """Insert or update every answer and service from the files (file wins over database)."""
    counts = LoadCounts()
    with db.session() as session:
        for entry in answers:
            for values in _answer_rows(entry):
                key = (values["intent"], values["municipality"])
                _upsert(session, TopicAnswer, key, values, counts)
        for service in services:
            _upsert(session, Service, (service.key,), _service_row(service), counts)
    return counts


def count_rows(db: Database) -> dict[str, int]:
    """Row counts of the content tables (for `content load` output and health checks)."""
    with db.session() as session:
        return {
            "answers": len(session.scalars(select(TopicAnswer.intent)).all()),
            "services": len(session.scalars(select(Service.key)).all()),
        }
