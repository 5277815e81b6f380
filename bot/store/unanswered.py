"""Messages the bot could not answer, kept for admins; keyword-only verbs, database passed in."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store.db import Database
from bot.store.models import UnansweredMessage

MAX_UNANSWERED_CHARS = 1000


def create(*, db: Database, text: str, ranking: Sequence[dict]) -> None:
    """Keep an unanswered message: text and intent ranking (top five), nothing else."""
    compact = [
        {"intent": str(r.get("name")), "confidence": round(float(r.get("confidence", 0)), 4)}
        for r in ranking[:5]
    ]
    with db.session() as session:
        session.add(UnansweredMessage(text=text[:MAX_UNANSWERED_CHARS], intent_ranking=compact))
