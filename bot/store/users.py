"""Staff accounts: keyword-only functions, the caller passes the session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import StaffUser

ROLES = ("admin", "editor", "ammattilainen")


def normalise_email(email: str) -> str:
    """E-mail addresses are compared trimmed and lower-cased."""
    return email.strip().lower()


def get(*, session: Session, user_id: int) -> StaffUser | None:
    """The user with this id."""
    return session.get(StaffUser, user_id)


def get_by_email(*, session: Session, email: str) -> StaffUser | None:
    """The user with this e-mail address (case-insensitive)."""
    return session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def list_all(*, session: Session) -> list[StaffUser]:
    """Every account, by e-mail."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email)))


def create(*, session: Session, email: str, password_hash: str, roles: list[str]) -> StaffUser:
    """A new active account."""
    user = StaffUser(
        email=normalise_email(email), password_hash=password_hash, roles=sorted(set(roles)),
        active=True, failed_logins=0,
    )
    session.add(user)
    session.flush()
    return user


def update(
    *,
    session: Session,
    user: StaffUser,
    password_hash: str | None = None,
    roles: list[str] | None = None,
    active: bool | None = None,
    failed_logins: int | None = None,
    locked_until: datetime | None | bool = False,
) -> StaffUser:
    """Change the given fields (`locked_until=False` leaves the lock as it is)."""
    if password_hash is not None:
        user.password_hash = password_hash
    if roles is not None:
        user.roles = sorted(set(roles))
    if active is not None:
        user.active = active
    if failed_logins is not None:
        user.failed_logins = failed_logins
    if locked_until is not False:
        user.locked_until = locked_until  # type: ignore[assignment]
    session.flush()
    return user
