"""Anonymous statistics counters; keyword-only verbs, database or session passed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.store.db import Database
from bot.store.models import StatsEvent

KEY_COLUMNS = ["day", "kind", "topic", "municipality", "level", "mode", "handling_days"]
MAX_CHARS = {"kind": 32, "topic": 64, "municipality": 32, "level": 32, "mode": 32}
_UPSERTS: dict[str, Any] = {}  # dialect name -> statement


@dataclass(frozen=True)
class EventCount:
    """How many events of one kind and combination happened on one day."""

    day: date
    kind: str
    topic: str
    municipality: str
    level: str
    mode: str
    handling_days: int
    count: int


def _upsert(dialect: str) -> Any:
    """The counter upsert for a dialect, built once: SQLAlchemy then reuses its compiled form
    (building and compiling it per event was most of the action server's cost of a turn)."""
    statement = _UPSERTS.get(dialect)
    if statement is None:
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = _UPSERTS[dialect] = insert(StatsEvent).on_conflict_do_update(
            index_elements=KEY_COLUMNS, set_={"count": StatsEvent.count + 1})
    return statement


def create(
    *, db: Database, kind: str, day: date, topic: str = "", municipality: str = "",
    level: str = "", mode: str = "", handling_days: int = 0,
) -> None:
    """Count one event (insert the day's counter or add one to it, atomically)."""
    texts = {"kind": kind, "topic": topic, "municipality": municipality, "level": level,
             "mode": mode}
    values: dict[str, object] = {k: v[: MAX_CHARS[k]] for k, v in texts.items()}
    values.update(day=day, handling_days=max(0, handling_days), count=1)
    with db.engine.begin() as connection:
        connection.execute(_upsert(connection.dialect.name), values)


def list_between(*, db: Database, start: date, end: date,
                 kinds: Sequence[str] = ()) -> list[EventCount]:
    """Counters from `start` to `end` inclusive (optionally of some kinds), oldest first."""
    query = (select(StatsEvent).where(StatsEvent.day >= start, StatsEvent.day <= end)
             .order_by(StatsEvent.day, StatsEvent.kind))
    if kinds:
        query = query.where(StatsEvent.kind.in_(list(kinds)))
    with db.session() as session:
        return [
            EventCount(r.day, r.kind, r.topic, r.municipality, r.level, r.mode,
                       r.handling_days, r.count)
            for r in session.scalars(query)
        ]


def delete_before(*, session: Session, day: date) -> int:
    """Delete the counters of days before `day`; how many rows."""
    result = session.execute(sql_delete(StatsEvent).where(StatsEvent.day < day))
    return int(getattr(result, "rowcount", 0) or 0)
