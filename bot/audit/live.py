"""The audit definition in use: the newest one in the database, else audit.yml."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.audit.definition import AuditDefinition, default_definition, parse_definition

logger = logging.getLogger(__name__)
FRESH_SECONDS = 2.0  # a version saved in the admin editor is used by the next audit
CACHE_SECONDS = 60.0  # after a failure: a database outage costs one timeout a minute


class LiveDefinition:
    """Reads the newest stored definition (re-parsed only when its version changes)."""

    def __init__(self, read: Callable[[], dict[str, Any] | None]) -> None:
        """`read` returns the newest stored definition (bot.store.audit_definitions.get)."""
        self._read = read
        self._cached: AuditDefinition | None = None
        self._loaded_at = 0.0
        self._keep_for = FRESH_SECONDS

    def get(self) -> AuditDefinition:
        """The current definition; the file version when the database has none or fails."""
        if self._cached and time.monotonic() - self._loaded_at < self._keep_for:
            return self._cached
        self._keep_for = FRESH_SECONDS
        try:
            data = self._read()
            definition = self._parse(data) if data else default_definition()
        except (SQLAlchemyError, ValueError, KeyError, TypeError) as exc:
            logger.warning("audit definition from file (%s)", type(exc).__name__)
            definition, self._keep_for = default_definition(), CACHE_SECONDS
        self._cached, self._loaded_at = definition, time.monotonic()
        return definition

    def _parse(self, data: dict[str, Any]) -> AuditDefinition:
        cached = self._cached
        if cached is not None and cached.version is not None \
                and cached.version == data.get("version"):
            return cached
        return parse_definition(data)
