"""Anonymous statistics counters; keyword-only verbs, database or session passed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.store.db import Database
from bot.store.models import StatsEvent

KEY_COLUMNS = ["day", "kind", "topic", "municipality", "level", "mode", "handling_days"]
MAX_CHARS = {"kind": 32, "topic": 64, "municipality": 32, "level": 32, "mode": 32}


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


def create(
    *, db: Database, kind: str, day: date, topic: str = "", municipality: str = "",
    level: str = "", mode: str = "", handling_days: int = 0,
) -> None:
    """Count one event (insert the day's counter or add one to it, atomically)."""
    texts = {"kind": kind, "topic": topic, "municipality": municipality, "level": level,
             "mode": mode}
    values: dict[str, object] = {k: v[: MAX_CHARS[k]] for k, v in texts.items()}
    values.update(day=day, handling_days=max(0, handling_days), count=1)
    with db.session() as session:
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(StatsEvent).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=KEY_COLUMNS,
            set_={"count": StatsEvent.count + 1},
        )
        session.execute(statement)


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
