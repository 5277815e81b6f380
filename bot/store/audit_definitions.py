"""The audit questionnaire admins loaded or edited; keyword-only verbs, database passed in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import AuditDefinitionRow


def get(*, db: Database) -> dict[str, Any] | None:
    """The newest stored definition (the one in use)."""
    with db.session() as session:
        row = session.scalars(
            select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(1)
        ).first()
        return dict(row.data) if row else None


def create(*, db: Database, data: dict[str, Any]) -> bool:
    """Store the definition if it differs from the newest one; True when stored."""
    with db.session() as session:
        newest = session.scalars(
            select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(1)
        ).first()
        if newest is not None and newest.data == data:
            return False
        session.add(AuditDefinitionRow(data=data))
        return True
