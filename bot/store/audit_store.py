"""Stores the audit definition and anonymous results; summaries expire and can be deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, cast

from sqlalchemy import CursorResult, Result, delete, select

from bot.store.db import Database
from bot.store.models import AuditDefinitionRow, AuditResultRow, utc_now
from bot.store.repository import insert_with_reference


@dataclass(frozen=True)
class StoredAudit:
    """What the summary page shows."""

    reference: str
    mode: str
    municipality: str
    answers: dict[str, Any]
    level: str
    total: int
    reasons: list[str]
    professional_consent: str
    created_at: datetime
    expires_at: datetime


def _deleted(result: Result[Any]) -> int:
    """Rows a DELETE removed (a DML statement always gives a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they are stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class AuditStore:
    """Audit tables: the live definition, results by reference code."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save_definition(self, data: dict[str, Any]) -> bool:
        """Store the definition if it differs from the newest one; True when stored."""
        with self.db.session() as session:
            newest = session.scalars(
                select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(1)
            ).first()
            if newest is not None and newest.data == data:
                return False
            session.add(AuditDefinitionRow(data=data))
            return True

    def newest_definition(self) -> dict[str, Any] | None:
        """The definition admins last loaded or edited."""
        with self.db.session() as session:
            row = session.scalars(
                select(AuditDefinitionRow).order_by(AuditDefinitionRow.id.desc()).limit(1)
            ).first()
            return dict(row.data) if row else None

    def save_result(
        self,
        *,
        mode: str,
        municipality: str,
        answers: dict[str, Any],
        level: str,
        total: int,
        reasons: list[str],
        professional_consent: str,
        retention_days: int,
    ) -> str:
        """Store a result under a new unguessable reference code."""
        return insert_with_reference(
            self.db,
            lambda reference: AuditResultRow(
                reference=reference,
                mode=mode,
                municipality=municipality,
                answers=answers,
                level=level,
                total=total,
                reasons=reasons,
                professional_consent=professional_consent,
                expires_at=utc_now() + timedelta(days=retention_days),
            ),
        )

    def get(self, reference: str, now: datetime | None = None) -> StoredAudit | None:
        """The result, or None when unknown or expired (expired rows are removed)."""
        now = now or utc_now()
        with self.db.session() as session:
            row = session.scalars(
                select(AuditResultRow).where(AuditResultRow.reference == reference)
            ).first()
            if row is None:
                return None
            if _aware(row.expires_at) <= now:
                session.delete(row)
                return None
            return StoredAudit(
                reference=row.reference,
                mode=row.mode,
                municipality=row.municipality,
                answers=dict(row.answers),
                level=row.level,
                total=row.total,
                reasons=list(row.reasons),
                professional_consent=row.professional_consent,
                created_at=_aware(row.created_at),
                expires_at=_aware(row.expires_at),
            )

    def delete(self, reference: str) -> bool:
        """Delete by code (whoever has the code may); True when something was deleted."""
        with self.db.session() as session:
            result = session.execute(
                delete(AuditResultRow).where(AuditResultRow.reference == reference)
            )
            return _deleted(result) > 0

    def purge_expired(self, now: datetime | None = None) -> int:
        """Remove expired summaries; returns how many."""
        with self.db.session() as session:
            result = session.execute(
                delete(AuditResultRow).where(AuditResultRow.expires_at <= (now or utc_now()))
            )
            return _deleted(result)
