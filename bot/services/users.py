"""Staff account management for the CLI and the admin page."""

from __future__ import annotations

from bot.security.passwords import hash_password, password_problem
from bot.store import staff_log, staff_sessions, users
from bot.store.db import Database
from bot.store.models import as_utc, utc_now
from bot.store.users import ROLES


def create_user(
    db: Database, *, email: str, password: str, roles: list[str], actor: str, min_length: int
) -> str | None:
    """Create an account; returns the problem (`invalid_email`, `invalid_role`, `exists`,
    `too_short`, `common`) or None."""
    email = users.normalise_email(email)
    if "@" not in email or len(email) > 254 or " " in email:
        return "invalid_email"
    if not roles or any(role not in ROLES for role in roles):
        return "invalid_role"
    problem = password_problem(password, email, min_length)
    if problem:
        return problem
    with db.session() as session:
        if users.get_by_email(session=session, email=email) is not None:
            return "exists"
        users.create(session=session, email=email, password_hash=hash_password(password),
                     roles=roles)
        staff_log.create(session=session, actor=actor, action="user_created", target=email,
                         detail=",".join(sorted(roles)))
    return None


def set_active(db: Database, *, email: str, active: bool, actor: str) -> bool:
    """Enable or disable an account (disabling ends its sessions); False when unknown."""
    with db.session() as session:
        user = users.get_by_email(session=session, email=email)
        if user is None:
            return False
        users.update(session=session, user=user, active=active, failed_logins=0,
                     locked_until=None)
        if not active:
            staff_sessions.delete_for_user(session=session, user_id=user.id)
        staff_log.create(session=session, actor=actor,
                         action="user_enabled" if active else "user_disabled", target=user.email)
    return True


def set_roles(db: Database, *, email: str, roles: list[str], actor: str) -> str | None:
    """Replace an account's roles; returns the problem (`unknown`, `invalid_role`) or None."""
    if not roles or any(role not in ROLES for role in roles):
        return "invalid_role"
    with db.session() as session:
        user = users.get_by_email(session=session, email=email)
        if user is None:
            return "unknown"
        users.update(session=session, user=user, roles=roles)
        staff_log.create(session=session, actor=actor, action="user_roles", target=user.email,
                         detail=",".join(sorted(set(roles))))
    return None


def list_users(db: Database) -> list[dict]:
    """E-mail, roles, active and lock state of every account, for the admin page."""
    now = utc_now()
    with db.session() as session:
        return [
            {"email": u.email, "roles": list(u.roles or ()), "active": u.active,
             "locked": u.locked_until is not None and as_utc(u.locked_until) > now}
            for u in users.list_all(session=session)
        ]
