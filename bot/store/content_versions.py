"""Versions of answers and services: every save, rollback and file load is a numbered version."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.db import Database
from bot.store.models import ContentVersion, as_utc

FROM_FILE = "tiedosto"  # content load
EDITOR = "muokkain"  # a save in the content editor
ROLLBACK = "palautus"  # a rollback in the content editor (also an editor change)
EDITOR_ORIGINS = (EDITOR, ROLLBACK)


@dataclass(frozen=True)
class VersionRecord:
    """One stored version."""

    kind: str
    key: str
    number: int
    data: dict[str, Any]
    origin: str
    author: str
    created_at: datetime
    restored_from: int | None = None

    @property
    def by_editor(self) -> bool:
        """True when the version was made in the content editor (not loaded from a file)."""
        return self.origin in EDITOR_ORIGINS


def _record(row: ContentVersion) -> VersionRecord:
    return VersionRecord(kind=row.kind, key=row.key, number=row.number, data=dict(row.data),
                         origin=row.origin, author=row.author,
                         created_at=as_utc(row.created_at), restored_from=row.restored_from)


def create(*, session: Session, kind: str, key: str, data: dict[str, Any], origin: str,
           author: str = "", restored_from: int | None = None) -> VersionRecord:
    """Append the next version of an entry."""
    last = session.scalar(select(func.max(ContentVersion.number)).where(
        ContentVersion.kind == kind, ContentVersion.key == key))
    row = ContentVersion(kind=kind, key=key, number=(last or 0) + 1, data=data, origin=origin,
                         author=author[:254], restored_from=restored_from)
    session.add(row)
    session.flush()
    return _record(row)


def latest(*, session: Session, kind: str, key: str) -> VersionRecord | None:
    """The newest version of an entry, or None."""
    row = session.scalars(select(ContentVersion).where(
        ContentVersion.kind == kind, ContentVersion.key == key
    ).order_by(ContentVersion.number.desc()).limit(1)).first()
    return _record(row) if row else None


def get(*, db: Database, kind: str, key: str, number: int) -> VersionRecord | None:
    """One version by its number, or None."""
    with db.session() as session:
        row = session.scalars(select(ContentVersion).where(
            ContentVersion.kind == kind, ContentVersion.key == key,
            ContentVersion.number == number)).first()
        return _record(row) if row else None


def list(*, db: Database, kind: str, key: str) -> builtins.list[VersionRecord]:  # noqa: A001
    """Every version of an entry, newest first."""
    with db.session() as session:
        rows = session.scalars(select(ContentVersion).where(
            ContentVersion.kind == kind, ContentVersion.key == key
        ).order_by(ContentVersion.number.desc())).all()
        return [_record(r) for r in rows]


def latest_by_key(*, db: Database, kind: str) -> dict[str, VersionRecord]:
    """The newest version of every entry of a kind (for the list pages)."""
    newest = (select(ContentVersion.key, func.max(ContentVersion.number).label("number"))
              .where(ContentVersion.kind == kind).group_by(ContentVersion.key).subquery())
    with db.session() as session:
        rows = session.scalars(select(ContentVersion).join(
            newest, (ContentVersion.key == newest.c.key)
            & (ContentVersion.number == newest.c.number)
        ).where(ContentVersion.kind == kind)).all()
        return {r.key: _record(r) for r in rows}
