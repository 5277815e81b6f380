"""Groups similar unanswered messages: folded text, a character and a sorted-token ratio."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from bot.services.masking import EMAIL_MASK, HETU_MASK, PHONE_MASK
from bot.store.models import UnansweredMessage, as_utc
from bot.text import fold

SIMILARITY = 0.75  # texts at least this similar are one group
MASK_WORDS = frozenset(fold(mask) for mask in (EMAIL_MASK, HETU_MASK, PHONE_MASK))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity(a: str, b: str) -> float:
    """Similarity of two folded texts: the better of the character ratio and a token ratio.

    The token ratio compares the texts as "shared words, then own words", each part sorted, so
    word order and a short extra clause matter less; it counts only with two shared words.
    """
    if a == b:
        return 1.0
    tokens_a, tokens_b = set(a.split()), set(b.split())
    common = tokens_a & tokens_b
    best = _ratio(a, b)
    if len(common) >= 2:
        shared = " ".join(sorted(common))
        with_a = f"{shared} {' '.join(sorted(tokens_a - common))}".strip()
        with_b = f"{shared} {' '.join(sorted(tokens_b - common))}".strip()
        best = max(best, _ratio(with_a, with_b))
    return best


def comparable(text: str) -> str:
    """The folded text without the masks (a masked number says nothing about the topic)."""
    return " ".join(w for w in fold(text).split() if w not in MASK_WORDS)


def group_messages(messages: Sequence[UnansweredMessage], threshold: float = SIMILARITY
                   ) -> list[list[UnansweredMessage]]:
    """Groups of similar texts, newest message first; each joins the most similar group."""
    ordered = sorted(messages, key=lambda m: (as_utc(m.created_at), m.id), reverse=True)
    groups: list[list[UnansweredMessage]] = []
    heads: list[str] = []
    for message in ordered:
        folded = comparable(message.text)
        scores = [similarity(folded, head) for head in heads]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=None)
        if best is not None and scores[best] >= threshold:
            groups[best].append(message)
        else:
            groups.append([message])
            heads.append(folded)
    return groups
