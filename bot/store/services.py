"""The service directory in the database; keyword-only verbs, the database passed in."""

from __future__ import annotations

import builtins

from sqlalchemy import select

from bot.municipalities import ANY_MUNICIPALITY
from bot.store.db import Database
from bot.store.models import Service
from bot.store.records import DEPLOYMENT_SOURCE, ServiceRecord

# Built once: SQLAlchemy keys its compiled-statement cache by a key it computes per statement
# object, and computing it cost more than the query (this runs on every answered topic).
ALL_BY_KEY = select(Service).order_by(Service.key)


def _record(row: Service) -> ServiceRecord:
    return ServiceRecord(
        key=row.key,
        name=row.name,
        helps_with=row.helps_with,
        municipalities=tuple(row.municipalities or ()),
        categories=tuple(row.categories or ()),
        url=row.url,
        source=row.source,
        checked=row.checked,
        verified=row.verified,
        phone=row.phone,
        hours=row.hours,
        deployment=row.source == DEPLOYMENT_SOURCE,
    )


def row_values(record: ServiceRecord) -> dict:
    """The column values of a record (the loader compares them with the stored row)."""
    return {
        "key": record.key,
        "name": record.name,
        "helps_with": record.helps_with,
        "municipalities": builtins.list(record.municipalities),
        "categories": builtins.list(record.categories),
        "url": record.url,
        "phone": record.phone,
        "hours": record.hours,
        "source": record.source,
        "checked": record.checked,
        "verified": record.verified,
    }


def get(*, db: Database, key: str) -> ServiceRecord | None:
    """One directory entry by its key."""
    with db.session() as session:
        row = session.get(Service, key)
        return _record(row) if row else None


def list(  # noqa: A001
    *, db: Database, municipality: str, categories: tuple[str, ...]
) -> builtins.list[ServiceRecord]:
    """Services of `categories` for a municipality: local first, then area-wide, by category."""
    if not categories:
        return []
    with db.session() as session:
        rows = session.scalars(ALL_BY_KEY).all()
        records = [_record(r) for r in rows]
    # A deployment entry the county has not filled in has no text and no municipalities: hidden.
    wanted = [
        r for r in records
        if set(r.categories) & set(categories)
        and r.helps_with.strip()
        and (municipality in r.municipalities or ANY_MUNICIPALITY in r.municipalities)
    ]

    def rank(record: ServiceRecord) -> tuple[int, int]:
        first = min(categories.index(c) for c in record.categories if c in categories)
        return (first, 0 if municipality in record.municipalities else 1)

    return sorted(wanted, key=rank)
