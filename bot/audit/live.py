"""The audit definition in use: the newest one in the database, else audit.yml."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.audit.definition import AuditDefinition, default_definition, parse_definition

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60.0


class LiveDefinition:
    """Reads the definition from the database at most once a minute (admin edits show soon)."""

    def __init__(self, read: Callable[[], dict[str, Any] | None]) -> None:
        """`read` returns the newest stored definition (bot.store.audit_definitions.get)."""
        self._read = read
        self._cached: AuditDefinition | None = None
        self._loaded_at = 0.0

    def get(self) -> AuditDefinition:
        """The current definition; the file version when the database has none or fails."""
        if self._cached and time.monotonic() - self._loaded_at < CACHE_SECONDS:
            return self._cached
        try:
            data = self._read()
            definition = parse_definition(data) if data else default_definition()
        except (SQLAlchemyError, ValueError, KeyError) as exc:
            logger.warning("audit definition from file (%s)", type(exc).__name__)
            definition = default_definition()
        self._cached, self._loaded_at = definition, time.monotonic()
        return definition
