"""The action server's database access, created on first use (not at import)."""

from __future__ import annotations

from functools import lru_cache

from bot.audit.definition import AuditDefinition
from bot.audit.live import LiveDefinition
from bot.config import Settings
from bot.store.audit_store import AuditStore
from bot.store.db import Database
from bot.store.repository import ContentRepository


@lru_cache(maxsize=1)
def repository() -> ContentRepository:
    """One repository per process, on DATABASE_URL or the SQLite default."""
    return ContentRepository(Database.from_settings(Settings.from_env()))


@lru_cache(maxsize=1)
def audit_store() -> AuditStore:
    """Audit tables on the same database."""
    return AuditStore(repository().db)


@lru_cache(maxsize=1)
def _live_definition() -> LiveDefinition:
    return LiveDefinition(audit_store)


def audit_definition() -> AuditDefinition:
    """The audit questionnaire in use (database first, file as fallback)."""
    return _live_definition().get()


def reset_caches() -> None:
    """Forget connections and cached definitions (tests switch databases)."""
    for cached in (repository, audit_store, _live_definition):
        cached.cache_clear()
