"""Staff login, sessions, logout and password change; outcomes for the routes to render."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.config import Settings
from bot.security.passwords import hash_password, password_problem, verify_password
from bot.services.rate_limit import SlidingWindowLimiter
from bot.store import staff_log, staff_sessions, users
from bot.store.db import Database
from bot.store.models import as_utc, utc_now


@dataclass(frozen=True)
class Identity:
    """The logged-in staff member as routes see them."""

    id: int
    email: str
    roles: tuple[str, ...]
    csrf_token: str
    token: str

    def has(self, role: str) -> bool:
        """True when the user has the role."""
        return role in self.roles


@dataclass(frozen=True)
class LoginOutcome:
    """`ok`, or the problem: `failed` (one message for every cause) or `rate_limited`."""

    ok: bool
    problem: str = ""
    token: str = ""


class LoginGuard:
    """Attempts per minute per client address and per account (kept in memory)."""

    def __init__(self, per_minute: int) -> None:
        self.by_address = SlidingWindowLimiter(per_minute)
        self.by_account = SlidingWindowLimiter(per_minute)

    def allow(self, address: str, email: str) -> bool:
        """Count one attempt; False when either limit is exceeded."""
        address_ok = self.by_address.allow(address)
        account_ok = self.by_account.allow(users.normalise_email(email))
        return address_ok and account_ok


def login(
    db: Database, *, email: str, password: str, address: str, settings: Settings,
    guard: LoginGuard, now: datetime | None = None,
) -> LoginOutcome:
    """Check the password, count failures, lock after too many, and open a session."""
    now = now or utc_now()
    email = users.normalise_email(email)[:254]
    if not guard.allow(address, email):
        with db.session() as session:
            staff_log.create(session=session, actor=email, action="login_rate_limited")
        return LoginOutcome(False, "rate_limited")
    with db.session() as session:
        user = users.get_by_email(session=session, email=email)
        locked = bool(user and user.locked_until and as_utc(user.locked_until) > now)
        valid = verify_password(password, user.password_hash if user else None)
        if user is None or not user.active or locked or not valid:
            if user is not None and user.active and not locked:
                _count_failure(session, user, settings, now)
            staff_log.create(session=session, actor=email, action="login_failed",
                             detail="locked" if locked else "")
            return LoginOutcome(False, "failed")
        users.update(session=session, user=user, failed_logins=0, locked_until=None)
        token = secrets.token_urlsafe(32)
        staff_sessions.create(session=session, token=token, user_id=user.id,
                              csrf_token=secrets.token_urlsafe(32), now=now)
        staff_log.create(session=session, actor=email, action="login")
    return LoginOutcome(True, token=token)


def _count_failure(session, user, settings: Settings, now: datetime) -> None:
    failures = (user.failed_logins or 0) + 1
    if failures >= settings.login_max_failures:
        until = now + timedelta(minutes=settings.login_lockout_minutes)
        users.update(session=session, user=user, failed_logins=0, locked_until=until)
        staff_log.create(session=session, actor=user.email, action="lockout")
    else:
        users.update(session=session, user=user, failed_logins=failures)


def identify(db: Database, *, token: str, settings: Settings, now: datetime | None = None
             ) -> Identity | None:
    """The user of a session cookie, refreshing its idle timer; None when expired or unknown."""
    if not token:
        return None
    now = now or utc_now()
    with db.session() as session:
        row = staff_sessions.get(session=session, token=token)
        if row is None:
            return None
        if as_utc(row.last_seen_at) < now - timedelta(minutes=settings.staff_idle_minutes):
            staff_sessions.delete(session=session, token=token)
            return None
        user = users.get(session=session, user_id=row.user_id)
        if user is None or not user.active:
            staff_sessions.delete(session=session, token=token)
            return None
        staff_sessions.update(session=session, row=row, last_seen_at=now)
        return Identity(user.id, user.email, tuple(user.roles or ()), row.csrf_token, token)


def logout(db: Database, *, identity: Identity) -> None:
    """End the session and log it."""
    with db.session() as session:
        staff_sessions.delete(session=session, token=identity.token)
        staff_log.create(session=session, actor=identity.email, action="logout")


def change_password(
    db: Database, *, identity: Identity, current: str, new: str, repeat: str, settings: Settings
) -> str | None:
    """Change the own password; returns the problem key or None. Other sessions end."""
    if new != repeat:
        return "mismatch"
    problem = password_problem(new, identity.email, settings.min_password_length)
    if problem:
        return problem
    with db.session() as session:
        user = users.get(session=session, user_id=identity.id)
        if user is None or not verify_password(current, user.password_hash):
            staff_log.create(session=session, actor=identity.email,
                             action="password_change_failed")
            return "wrong_current"
        users.update(session=session, user=user, password_hash=hash_password(new))
        staff_sessions.delete_for_user(session=session, user_id=user.id)
        staff_sessions.create(session=session, token=identity.token, user_id=user.id,
                              csrf_token=identity.csrf_token, now=utc_now())
        staff_log.create(session=session, actor=identity.email, action="password_changed")
    return None
