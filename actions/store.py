"""The action server's database, created on first use (not at import)."""

from __future__ import annotations

from functools import lru_cache

from bot.audit.definition import AuditDefinition
from bot.audit.live import LiveDefinition
from bot.config import Settings
from bot.store import audit_definitions
from bot.store.db import Database


@lru_cache(maxsize=1)
def database() -> Database:
    """One database per process, on DATABASE_URL or the SQLite default."""
    return Database.from_settings(Settings.from_env())


@lru_cache(maxsize=1)
def _live_definition() -> LiveDefinition:
    return LiveDefinition(lambda: audit_definitions.get(db=database()))


def audit_definition() -> AuditDefinition:
    """The audit questionnaire in use (database first, file as fallback)."""
    return _live_definition().get()


def reset_caches() -> None:
    """Forget connections and cached definitions (tests switch databases)."""
    for cached in (database, _live_definition):
        cached.cache_clear()
