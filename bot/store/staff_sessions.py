"""Server-side staff sessions; the table keeps a SHA-256 of the cookie token, never the token."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import StaffSession


def token_hash(token: str) -> str:
    """What the table stores for a cookie token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get(*, session: Session, token: str) -> StaffSession | None:
    """The session of a cookie token."""
    return session.get(StaffSession, token_hash(token))


def create(
    *, session: Session, token: str, user_id: int, csrf_token: str, now: datetime
) -> StaffSession:
    """Store a new session for a user."""
    row = StaffSession(
        token_hash=token_hash(token), user_id=user_id, csrf_token=csrf_token,
        created_at=now, last_seen_at=now,
    )
    session.add(row)
    return row


def update(*, session: Session, row: StaffSession, last_seen_at: datetime) -> None:
    """Mark the session as used now (the idle timeout counts from here)."""
    row.last_seen_at = last_seen_at


def delete(*, session: Session, token: str) -> None:
    """End one session."""
    session.execute(sql_delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


def delete_for_user(*, session: Session, user_id: int) -> None:
    """End every session of a user (disabled account, changed password)."""
    session.execute(sql_delete(StaffSession).where(StaffSession.user_id == user_id))


def delete_idle(*, session: Session, seen_before: datetime) -> int:
    """Remove sessions idle since before the given moment; returns how many."""
    ids = list(session.scalars(
        select(StaffSession.token_hash).where(StaffSession.last_seen_at < seen_before)
    ))
    if ids:
        session.execute(sql_delete(StaffSession).where(StaffSession.token_hash.in_(ids)))
    return len(ids)
