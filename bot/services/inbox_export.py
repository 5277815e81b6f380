"""Assigned inbox messages out to data/nlu/candidates.yml for a developer (never trained on)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from bot.store import unanswered as store
from bot.store.db import Database
from bot.store.unanswered import ASSIGNED

CANDIDATES_HEADER = (
    "# Candidate NLU examples from the admins' inbox (asumisbotti nlu export-candidates).\n"
    "# NOT training data: Rasa reads only `nlu:`, `stories:` and `rules:` keys, and the Makefile\n"
    "# leaves this file out of TRAIN_INPUTS. Review each text (docs/NLU-WRITING.md), rewrite it\n"
    "# as your own example in data/nlu/<intent>.yml, then `make train`.\n"
)


def candidates(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Assigned messages by intent, for data/nlu/candidates.yml (not a Rasa training file)."""
    by_intent: dict[str, Counter[str]] = defaultdict(Counter)
    for message in store.list_messages(db=db, state=ASSIGNED, limit=100_000):
        by_intent[message.intent][message.text.strip()] += 1
    return {"candidates": [
        {"intent": intent,
         "examples": [{"text": text, "count": count}
                      for text, count in sorted(texts.items(), key=lambda i: (-i[1], i[0]))]}
        for intent, texts in sorted(by_intent.items())
    ]}


def write_candidates(db: Database, path: Path) -> int:
    """Write the assigned messages to `path` as YAML; how many distinct texts were written."""
    data = candidates(db)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CANDIDATES_HEADER + body, encoding="utf-8")
    return sum(len(entry["examples"]) for entry in data["candidates"])
