"""The unanswered-message inbox: keep masked messages, group similar ones, editors' decisions.

What is kept: fallback-ladder messages (FallbackClassifier `nlu_fallback`, threshold 0.4 and
ambiguity 0.05 in config.yml, and the RulePolicy core fallback) and low-confidence answers (a
topic answered with top confidence under LOW_CONFIDENCE). Texts are masked before storing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.services.audit_summary import finnish_date
from bot.services.inbox_groups import group_messages
from bot.services.masking import mask_personal_data
from bot.store import staff_log
from bot.store import unanswered as store
from bot.store.db import Database
from bot.store.models import UnansweredMessage, as_utc, utc_now
from bot.store.unanswered import ASSIGNED, OUT_OF_SCOPE, WAITING

LOW_CONFIDENCE = 0.6  # topic answers below this are kept for review (fallback is below 0.4)
MAX_MESSAGES = 1000  # the newest waiting messages the page groups
TOP_INTENTS = 3
SAMPLES = 3
IGNORED_INTENTS = frozenset({"nlu_fallback"})


@dataclass(frozen=True)
class IntentScore:
    """One intent of a group's combined ranking: mean confidence over the group."""

    intent: str
    confidence: float


@dataclass(frozen=True)
class MessageGroup:
    """Similar messages shown as one row of the inbox."""

    ids: tuple[int, ...]
    text: str
    samples: tuple[str, ...]
    count: int
    newest: str
    top_intents: tuple[IntentScore, ...]
    reasons: tuple[str, ...]
    is_new: bool


@dataclass(frozen=True)
class InboxView:
    """The inbox page: waiting groups, assigned counts per intent, new count."""

    groups: tuple[MessageGroup, ...]
    assigned: tuple[tuple[str, int], ...]
    new_count: int


def is_low_confidence(intent: str, confidence: float) -> bool:
    """True when a topic was answered but the NLU was unsure (kept for the inbox)."""
    return intent not in IGNORED_INTENTS and confidence < LOW_CONFIDENCE


def record(*, db: Database, text: str, ranking: Sequence[dict], reason: str = "fallback"
           ) -> bool:
    """Mask and keep one message; button payloads and empty texts are not kept."""
    if not text.strip() or text.startswith("/"):
        return False
    store.create(db=db, text=mask_personal_data(text), ranking=ranking, reason=reason)
    return True


def _top_intents(messages: Sequence[UnansweredMessage]) -> tuple[IntentScore, ...]:
    totals: dict[str, float] = defaultdict(float)
    for message in messages:
        for entry in message.intent_ranking or []:
            name = str(entry.get("intent"))
            if name not in IGNORED_INTENTS:
                totals[name] += float(entry.get("confidence") or 0)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:TOP_INTENTS]
    return tuple(IntentScore(name, round(total / len(messages), 2)) for name, total in ranked)


def _group(messages: list[UnansweredMessage], seen: datetime | None) -> MessageGroup:
    texts = list(dict.fromkeys(m.text for m in messages))
    return MessageGroup(
        ids=tuple(m.id for m in messages),
        text=texts[0],
        samples=tuple(texts[1:1 + SAMPLES]),
        count=len(messages),
        newest=finnish_date(as_utc(messages[0].created_at)),
        top_intents=_top_intents(messages),
        reasons=tuple(sorted({m.reason for m in messages})),
        is_new=any(seen is None or as_utc(m.created_at) > seen for m in messages),
    )


def inbox_view(db: Database, *, user_id: int, now: datetime | None = None) -> InboxView:
    """The page as the user sees it now; marks the inbox visited (badges use the last visit)."""
    seen = store.get_visit(db=db, user_id=user_id)
    seen = as_utc(seen) if seen else None
    waiting = store.list_messages(db=db, state=WAITING, limit=MAX_MESSAGES)
    groups = tuple(_group(g, seen) for g in group_messages(waiting))
    counts = Counter(m.intent for m in store.list_messages(db=db, state=ASSIGNED,
                                                            limit=100_000))
    store.set_visit(db=db, user_id=user_id, moment=now or utc_now())
    new = sum(g.count for g in groups if g.is_new)
    return InboxView(groups, tuple(sorted(counts.items())), new)


def new_count(db: Database, *, user_id: int) -> int:
    """Waiting messages that arrived since the user last opened the inbox."""
    seen = store.get_visit(db=db, user_id=user_id)
    return store.count_new(db=db, since=seen)


def _ids(raw: Sequence[str]) -> list[int]:
    return [int(value) for value in raw if value.strip().isdigit()]


def assign(db: Database, *, ids: Sequence[str], intent: str, intents: Sequence[str],
           actor: str) -> str | None:
    """Assign messages to an intent for the candidates export; a problem key or None."""
    wanted = _ids(ids)
    if intent not in intents:
        return "unknown_intent"
    if not wanted:
        return "nothing_selected"
    changed = store.update(db=db, ids=wanted, state=ASSIGNED, intent=intent)
    _log(db, actor, "inbox_assign", intent, changed)
    return None


def mark_out_of_scope(db: Database, *, ids: Sequence[str], actor: str) -> str | None:
    """Mark messages as outside what the bot is for; a problem key or None."""
    wanted = _ids(ids)
    if not wanted:
        return "nothing_selected"
    changed = store.update(db=db, ids=wanted, state=OUT_OF_SCOPE)
    _log(db, actor, "inbox_out_of_scope", "", changed)
    return None


def delete(db: Database, *, ids: Sequence[str], actor: str) -> str | None:
    """Delete messages; a problem key or None."""
    wanted = _ids(ids)
    if not wanted:
        return "nothing_selected"
    removed = store.delete(db=db, ids=wanted)
    _log(db, actor, "inbox_delete", "", removed)
    return None


def _log(db: Database, actor: str, action: str, target: str, count: int) -> None:
    """A staff log entry with the count only, never a message text."""
    with db.session() as session:
        staff_log.create(session=session, actor=actor, action=action, target=target,
                         detail=f"viestejä {count}")
