"""Messages the bot could not answer, kept for admins; keyword-only verbs, database passed in.

The caller masks personal data first (bot.services.inbox.record does); rows never hold a
sender id. States: `uusi` (waiting), `liitetty` (assigned to an intent), `ulkopuolinen`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select
from sqlalchemy import update as sql_update

from bot.store.db import Database
from bot.store.models import InboxVisit, UnansweredMessage

MAX_UNANSWERED_CHARS = 1000
WAITING, ASSIGNED, OUT_OF_SCOPE = "uusi", "liitetty", "ulkopuolinen"
STATES = (WAITING, ASSIGNED, OUT_OF_SCOPE)
REASONS = ("fallback", "epavarma")


def create(*, db: Database, text: str, ranking: Sequence[dict], reason: str = "fallback"
           ) -> None:
    """Keep an unanswered message: text and intent ranking (top five), nothing else."""
    compact = [
        {"intent": str(r.get("name")), "confidence": round(float(r.get("confidence", 0)), 4)}
        for r in ranking[:5]
    ]
    with db.session() as session:
        session.add(UnansweredMessage(text=text[:MAX_UNANSWERED_CHARS], intent_ranking=compact,
                                      reason=reason))


def list_messages(*, db: Database, state: str, limit: int = 1000) -> list[UnansweredMessage]:
    """Messages in one state, newest first (detached, read-only)."""
    query = (select(UnansweredMessage).where(UnansweredMessage.state == state)
             .order_by(UnansweredMessage.created_at.desc(), UnansweredMessage.id.desc())
             .limit(limit))
    with db.session() as session:
        rows = list(session.scalars(query))
        session.expunge_all()
    return rows


def count_new(*, db: Database, since: datetime | None) -> int:
    """Waiting messages created after `since` (all waiting ones when None)."""
    query = select(func.count()).select_from(UnansweredMessage).where(
        UnansweredMessage.state == "uusi")
    if since is not None:
        query = query.where(UnansweredMessage.created_at > since)
    with db.session() as session:
        return int(session.scalar(query) or 0)


def update(*, db: Database, ids: Iterable[int], state: str, intent: str = "") -> int:
    """Set the state (and intent) of the given messages; how many changed."""
    wanted = list(ids)
    if not wanted:
        return 0
    statement = (sql_update(UnansweredMessage).where(UnansweredMessage.id.in_(wanted))
                 .values(state=state, intent=intent))
    with db.session() as session:
        return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def delete(*, db: Database, ids: Iterable[int]) -> int:
    """Delete the given messages; how many were deleted."""
    wanted = list(ids)
    if not wanted:
        return 0
    with db.session() as session:
        result = session.execute(sql_delete(UnansweredMessage)
                                 .where(UnansweredMessage.id.in_(wanted)))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def delete_created_before(*, db: Database, moment: datetime) -> int:
    """Delete every message older than `moment` (retention); how many."""
    with db.session() as session:
        result = session.execute(sql_delete(UnansweredMessage)
                                 .where(UnansweredMessage.created_at < moment))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def get_visit(*, db: Database, user_id: int) -> datetime | None:
    """When the user last opened the inbox, if ever."""
    with db.session() as session:
        row = session.get(InboxVisit, user_id)
        return row.seen_at if row else None


def set_visit(*, db: Database, user_id: int, moment: datetime) -> None:
    """Remember that the user opened the inbox at `moment`."""
    with db.session() as session:
        row = session.get(InboxVisit, user_id)
        if row is None:
            session.add(InboxVisit(user_id=user_id, seen_at=moment))
        else:
            row.seen_at = moment
