"""Versions of the audit questionnaire (audit.yml loads and admin edits); the newest is in use."""

from __future__ import annotations

import builtins
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.db import Database
from bot.store.models import AuditDefinitionRow, as_utc

logger = logging.getLogger(__name__)
VERSION_KEY = "version"  # `get` adds the row id under this key; never stored in `data`
FILE_AUTHOR = ""  # author of a version loaded from audit.yml by `content load`


@dataclass(frozen=True)
class DefinitionVersion:
    """One stored version: its number (row id), data, who saved it, when and why."""

    id: int
    data: dict[str, Any]
    author: str
    note: str
    restored_from: int | None
    created_at: datetime


def _version(row: AuditDefinitionRow, with_data: bool = True) -> DefinitionVersion:
    return DefinitionVersion(row.id, dict(row.data) if with_data else {}, row.author or "",
                             row.note or "", row.restored_from, as_utc(row.updated_at))


def _newest_row(session: Session, *, from_file: bool = False) -> AuditDefinitionRow | None:
    query = select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(1)
    if from_file:
        query = query.where(AuditDefinitionRow.author == FILE_AUTHOR)
    return session.scalars(query).first()


def without_version(data: dict[str, Any]) -> dict[str, Any]:
    """The definition as stored: `get`'s version number removed."""
    return {k: v for k, v in data.items() if k != VERSION_KEY}


def get(*, db: Database) -> dict[str, Any] | None:
    """The newest stored definition (the one in use), its version number under `version`."""
    with db.session() as session:
        row = _newest_row(session)
        return {**row.data, VERSION_KEY: row.id} if row else None


def get_version(*, db: Database, version: int) -> DefinitionVersion | None:
    """One version by its number."""
    with db.session() as session:
        row = session.get(AuditDefinitionRow, version)
        return _version(row) if row else None


def newest(*, session: Session) -> DefinitionVersion | None:
    """The version in use, inside the caller's transaction."""
    row = _newest_row(session)
    return _version(row) if row else None


def list(*, db: Database, limit: int = 200) -> builtins.list[DefinitionVersion]:  # noqa: A001
    """Versions newest first, without their data (the history page)."""
    with db.session() as session:
        rows = session.scalars(
            select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(limit)
        )
        return [_version(row, with_data=False) for row in rows]


def previous_id(*, db: Database, version: int) -> int | None:
    """The version saved just before `version` (None for the first)."""
    with db.session() as session:
        return session.scalars(
            select(AuditDefinitionRow.id).where(AuditDefinitionRow.id < version)
            .order_by(AuditDefinitionRow.id.desc()).limit(1)
        ).first()


def add(
    *, session: Session, data: dict[str, Any], author: str, note: str = "",
    restored_from: int | None = None,
) -> int:
    """Append a version in the caller's transaction; returns its number."""
    row = AuditDefinitionRow(data=without_version(data), author=author[:254], note=note[:254],
                             restored_from=restored_from)
    session.add(row)
    session.flush()
    return row.id


def blocking_edit(*, db: Database, data: dict[str, Any]) -> int | None:
    """The admin-editor version that keeps a file load of `data` from applying, if any."""
    data = without_version(data)
    with db.session() as session:
        newest_row = _newest_row(session)
        if newest_row is None or newest_row.data == data or not newest_row.author:
            return None
        loaded = _newest_row(session, from_file=True)
        return newest_row.id if loaded is None or loaded.data != data else None


def create(
    *, db: Database, data: dict[str, Any], author: str = FILE_AUTHOR, force: bool = False
) -> bool:
    """Store a definition if it differs from the newest one; True when stored.

    audit.yml is the reviewed seed: a file load (`author` "") never silently replaces a newer
    version saved in the admin editor; it is skipped with a warning unless `force`.
    """
    data = without_version(data)
    with db.session() as session:
        newest_row = _newest_row(session)
        if newest_row is not None and newest_row.data == data:
            return False
        if author == FILE_AUTHOR and not force and newest_row and newest_row.author:
            loaded = _newest_row(session, from_file=True)
            if loaded is None or loaded.data != data:
                logger.warning(
                    "audit.yml not loaded: version %s saved in the admin editor is newer "
                    "(export it to the file, or load with force)", newest_row.id)
            return False
        add(session=session, data=data, author=author)
        return True
