"""The action server's database access, created on first use (not at import)."""

from __future__ import annotations

from functools import lru_cache

from bot.store.db import Database
from bot.store.repository import ContentRepository


@lru_cache(maxsize=1)
def repository() -> ContentRepository:
    """One repository per process, on DATABASE_URL or the SQLite default."""
    return ContentRepository(Database.from_env())
