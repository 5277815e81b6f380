"""The outreach team's contact-request queue: list, request page, take, status, CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from bot.services import statistics
from bot.services.audit_summary import finnish_date
from bot.services.auth import Identity
from bot.store import contact_requests as store
from bot.store import staff_log, users
from bot.store.contact_requests import STATUSES
from bot.store.db import Database
from bot.store.models import as_utc, utc_now

AUDIT_TOPIC = "kartoitus:"
MAX_NOTE_CHARS = 1000


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue."""

    reference: str
    municipality: str
    created: str
    age: str
    status: str
    taken_by: str
    notification: str


@dataclass(frozen=True)
class QueueView:
    """The queue page: rows, filter choices, counts."""

    rows: tuple[QueueRow, ...]
    municipalities: tuple[str, ...]
    new_count: int
    failed_notifications: int


@dataclass(frozen=True)
class HistoryRow:
    """One change in a request's history."""

    when: str
    actor: str
    action: str
    status: str
    note: str


@dataclass(frozen=True)
class RequestView:
    """The request page."""

    reference: str
    municipality: str
    created: str
    age: str
    contact: str
    best_time: str
    situation: str
    topic: str
    audit_level: str
    audit_code: str
    status: str
    taken_by: str
    notification: str
    notification_attempts: int
    history: tuple[HistoryRow, ...]


def age_text(created: datetime, now: datetime, texts: dict) -> str:
    """How long the request has waited, in the largest sensible unit."""
    minutes = max(0, int((now - as_utc(created)).total_seconds() // 60))
    if minutes < 60:
        return texts["age_minutes"].format(n=minutes)
    if minutes < 48 * 60:
        return texts["age_hours"].format(n=minutes // 60)
    return texts["age_days"].format(n=minutes // (24 * 60))


def _clock(moment: datetime) -> str:
    from bot.services.audit_summary import HELSINKI

    local = as_utc(moment).astimezone(HELSINKI)
    return f"{finnish_date(moment)} {local.hour:02d}.{local.minute:02d}"


def queue_view(db: Database, *, municipality: str, status: str, texts: dict,
               now: datetime | None = None) -> QueueView:
    """Filtered requests newest first, the municipalities and the header counts."""
    now = now or utc_now()
    status = status if status in STATUSES else ""
    with db.session() as session:
        rows = store.list_filtered(session=session, municipality=municipality, status=status)
        view = QueueView(
            rows=tuple(
                QueueRow(r.reference, r.municipality, _clock(r.created_at),
                         age_text(r.created_at, now, texts), r.status, email,
                         r.notification_status)
                for r, email in rows
            ),
            municipalities=tuple(store.municipalities(session=session)),
            new_count=store.count_by_status(session=session, status="uusi"),
            failed_notifications=store.count_notification_failed(session=session),
        )
    return view


def new_count(db: Database) -> int:
    """Requests waiting with status `uusi` (for the header)."""
    with db.session() as session:
        return store.count_by_status(session=session, status="uusi")


def request_view(db: Database, *, reference: str, texts: dict, now: datetime | None = None
                 ) -> RequestView | None:
    """Everything the request page shows, or None for an unknown code."""
    now = now or utc_now()
    with db.session() as session:
        row = store.get(session=session, reference=reference)
        if row is None:
            return None
        taken = users.get(session=session, user_id=row.assigned_to) if row.assigned_to else None
        events = store.list_events(session=session, row=row)
        parts = row.topic.split(":") if row.topic.startswith(AUDIT_TOPIC) else []
        return RequestView(
            reference=row.reference, municipality=row.municipality,
            created=_clock(row.created_at), age=age_text(row.created_at, now, texts),
            contact=row.contact, best_time=row.best_time, situation=row.situation,
            topic=row.topic, audit_level=parts[1] if len(parts) > 1 else "",
            audit_code=parts[2] if len(parts) > 2 else "", status=row.status,
            taken_by=taken.email if taken else "", notification=row.notification_status,
            notification_attempts=row.notification_attempts or 0,
            history=tuple(
                HistoryRow(_clock(e.created_at), e.actor, e.action, e.status, e.note)
                for e in events
            ),
        )


def take(db: Database, *, reference: str, identity: Identity) -> bool:
    """Assign the request to me; a new one becomes `työn alla`. False when unknown."""
    with db.session() as session:
        row = store.get(session=session, reference=reference)
        if row is None:
            return False
        status = "työn alla" if row.status == "uusi" else None
        store.update(session=session, row=row, assigned_to=identity.id, status=status)
        store.create_event(session=session, row=row, actor=identity.email, action="otettu")
        staff_log.create(session=session, actor=identity.email, action="request_taken",
                         target=reference)
    return True


def change_status(db: Database, *, reference: str, status: str, note: str,
                  identity: Identity) -> str | None:
    """Set the status with an optional note; returns `not_found`, `invalid_status` or None."""
    if status not in STATUSES:
        return "invalid_status"
    with db.session() as session:
        row = store.get(session=session, reference=reference)
        if row is None:
            return "not_found"
        newly_handled = status == "hoidettu" and row.status != "hoidettu"
        handled = utc_now() if status == "hoidettu" else None
        store.update(session=session, row=row, status=status, handled_at=handled)
        store.create_event(session=session, row=row, actor=identity.email, action="tila",
                           note=note.strip()[:MAX_NOTE_CHARS])
        # The audit log records the change, never the note's text.
        staff_log.create(session=session, actor=identity.email, action="request_status",
                         target=reference, detail=status)
        waited = handling_days(row.created_at, handled) if newly_handled and handled else None
        municipality = row.municipality
    if waited is not None:  # anonymous statistics: whole days only, after the change is saved
        statistics.record(db, statistics.CONTACT_HANDLED, municipality=municipality,
                          handling_days=waited)
    return None


def handling_days(created: datetime, handled: datetime) -> int:
    """Whole days from a request to its handling (never negative)."""
    return max(0, (as_utc(handled) - as_utc(created)).days)


def export_csv(db: Database, *, municipality: str, status: str, identity: Identity,
               texts: dict) -> str:
    """The filtered list as CSV (codes, municipality, dates, status, who took it); logged."""
    view = queue_view(db, municipality=municipality, status=status, texts=texts)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(texts["csv_header"])
    for row in view.rows:
        writer.writerow([row.reference, row.municipality, row.created, row.status,
                         row.taken_by, row.notification])
    with db.session() as session:
        staff_log.create(session=session, actor=identity.email, action="csv_export",
                         detail=f"kunta={municipality or '*'} tila={status or '*'} "
                                f"rivejä={len(view.rows)}")
    return buffer.getvalue()
