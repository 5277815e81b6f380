"""Anonymous audit results by reference code; they expire and whoever has the code may delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Result, select
from sqlalchemy import delete as sql_delete

from bot.store.db import Database
from bot.store.models import AuditResultRow, as_utc, utc_now
from bot.store.references import insert_with_reference


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
    definition_version: int | None = None  # the audit_definitions version that scored it


def _deleted(result: Result[Any]) -> int:
    """Rows a DELETE removed (a DML statement always gives a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


def create(
    *,
    db: Database,
    mode: str,
    municipality: str,
    answers: dict[str, Any],
    level: str,
    total: int,
    reasons: list[str],
    professional_consent: str,
    retention_days: int,
    definition_version: int | None = None,
) -> str:
    """Store a result under a new unguessable reference code; returns the code."""
    return insert_with_reference(
        db,
        lambda session, reference: session.add(AuditResultRow(
            reference=reference,
            mode=mode,
            municipality=municipality,
            answers=answers,
            level=level,
            total=total,
            reasons=reasons,
            professional_consent=professional_consent,
            expires_at=utc_now() + timedelta(days=retention_days),
            definition_version=definition_version,
        )),
    )


def get(*, db: Database, reference: str, now: datetime | None = None) -> StoredAudit | None:
    """The result, or None when unknown or expired (an expired row is removed)."""
    now = now or utc_now()
    with db.session() as session:
        row = session.scalars(
            select(AuditResultRow).where(AuditResultRow.reference == reference)
        ).first()
        if row is None:
            return None
        if as_utc(row.expires_at) <= now:
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
            created_at=as_utc(row.created_at),
            expires_at=as_utc(row.expires_at),
            definition_version=row.definition_version,
        )


def delete(*, db: Database, reference: str) -> bool:
    """Delete by code; True when something was deleted."""
    with db.session() as session:
        result = session.execute(
            sql_delete(AuditResultRow).where(AuditResultRow.reference == reference)
        )
        return _deleted(result) > 0


def delete_expired(*, db: Database, now: datetime | None = None) -> int:
    """Remove expired summaries; returns how many."""
    with db.session() as session:
        result = session.execute(
            sql_delete(AuditResultRow).where(AuditResultRow.expires_at <= (now or utc_now()))
        )
        return _deleted(result)
