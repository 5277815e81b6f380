"""Contact requests as the staff side reads and changes them; keyword-only, session passed in."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from bot.store.models import ContactRequest, ContactRequestEvent, StaffUser

STATUSES = ("uusi", "työn alla", "hoidettu")
NOTIFY_PENDING = "odottaa"
NOTIFY_SENT = "lähetetty"
NOTIFY_FAILED = "epäonnistui"


def get(*, session: Session, reference: str) -> ContactRequest | None:
    """The request with this reference code."""
    query = select(ContactRequest).where(ContactRequest.reference == reference)
    return session.scalar(query)


def list_filtered(
    *, session: Session, municipality: str = "", status: str = "", limit: int = 500
) -> list[tuple[ContactRequest, str]]:
    """Requests newest first with the e-mail of whoever took them ('' when nobody)."""
    query = (
        select(ContactRequest, func.coalesce(StaffUser.email, ""))
        .outerjoin(StaffUser, StaffUser.id == ContactRequest.assigned_to)
        .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        .limit(limit)
    )
    if municipality:
        query = query.where(ContactRequest.municipality == municipality)
    if status:
        query = query.where(ContactRequest.status == status)
    return [(row, email) for row, email in session.execute(query).all()]


def municipalities(*, session: Session) -> list[str]:
    """Municipalities that have requests, for the filter."""
    query = select(ContactRequest.municipality).distinct().order_by(ContactRequest.municipality)
    return [m for m in session.scalars(query) if m]


def count_by_status(*, session: Session, status: str) -> int:
    """How many requests have a status (the header shows the new ones)."""
    query = select(func.count()).select_from(ContactRequest).where(ContactRequest.status == status)
    return int(session.scalar(query) or 0)


def count_notification_failed(*, session: Session) -> int:
    """Requests whose e-mail notification has failed and is being retried."""
    query = select(func.count()).select_from(ContactRequest).where(
        ContactRequest.notification_status == NOTIFY_FAILED
    )
    return int(session.scalar(query) or 0)


KEEP = object()  # `update` leaves a field alone


def update(
    *,
    session: Session,
    row: ContactRequest,
    status: str | None = None,
    assigned_to: int | None = None,
    handled_at: datetime | None | object = KEEP,
) -> ContactRequest:
    """Change status, assignee or handling time."""
    if status is not None:
        row.status = status
    if assigned_to is not None:
        row.assigned_to = assigned_to
    if handled_at is not KEEP:
        row.handled_at = handled_at  # type: ignore[assignment]
    session.flush()
    return row


def list_due_notifications(*, session: Session, now: datetime, limit: int = 50
                           ) -> list[ContactRequest]:
    """Requests whose notification is pending, or failed and due for another try."""
    query = (
        select(ContactRequest)
        .where(ContactRequest.notification_status.in_((NOTIFY_PENDING, NOTIFY_FAILED)))
        .where(or_(ContactRequest.next_notification_at.is_(None),
                   ContactRequest.next_notification_at <= now))
        .order_by(ContactRequest.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def claim_notification(*, session: Session, request_id: int, now: datetime,
                       lease: timedelta) -> bool:
    """Take one due notification for this worker: True for exactly one of competing workers.

    One conditional UPDATE moves the next try past the lease; a second web worker that read the
    same row as due finds it no longer due and skips it, so no e-mail goes out twice.
    """
    result = session.execute(
        sql_update(ContactRequest)
        .where(ContactRequest.id == request_id)
        .where(ContactRequest.notification_status.in_((NOTIFY_PENDING, NOTIFY_FAILED)))
        .where(or_(ContactRequest.next_notification_at.is_(None),
                   ContactRequest.next_notification_at <= now))
        .values(next_notification_at=now + lease)
    )
    return bool(getattr(result, "rowcount", 0))


def update_notification(
    *, session: Session, row: ContactRequest, status: str, error: str = "",
    next_at: datetime | None = None,
) -> None:
    """Record one send attempt."""
    row.notification_status = status
    row.notification_attempts = (row.notification_attempts or 0) + 1
    row.notification_error = error[:200]
    row.next_notification_at = next_at


def delete_handled_before(*, session: Session, moment: datetime) -> list[str]:
    """Delete requests handled before `moment` with their history; returns their codes."""
    query = select(ContactRequest.id, ContactRequest.reference).where(
        ContactRequest.status == "hoidettu", ContactRequest.handled_at < moment
    )
    rows = session.execute(query).all()
    ids = [r.id for r in rows]
    if ids:
        session.execute(sql_delete(ContactRequestEvent).where(
            ContactRequestEvent.request_id.in_(ids)))
        session.execute(sql_delete(ContactRequest).where(ContactRequest.id.in_(ids)))
    return [r.reference for r in rows]


def create_event(
    *, session: Session, row: ContactRequest, actor: str, action: str, note: str = ""
) -> ContactRequestEvent:
    """Add a history entry with the request's status after the change."""
    event = ContactRequestEvent(request_id=row.id, actor=actor, action=action,
                                status=row.status, note=note)
    session.add(event)
    return event


def list_events(*, session: Session, row: ContactRequest) -> list[ContactRequestEvent]:
    """The history of a request, oldest first."""
    query = (select(ContactRequestEvent).where(ContactRequestEvent.request_id == row.id)
             .order_by(ContactRequestEvent.id))
    return list(session.scalars(query))


def create(
    *, session: Session, reference: str, contact: str, municipality: str, best_time: str,
    situation: str = "", topic: str = "",
) -> ContactRequest:
    """Add a resident's consented request with status `uusi` (the chat's contact form)."""
    row = ContactRequest(reference=reference, contact=contact, municipality=municipality,
                         best_time=best_time, situation=situation, topic=topic, status="uusi")
    session.add(row)
    return row
