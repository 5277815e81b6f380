"""The one read/write shape of a topic answer and of a service (files, store and services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEPLOYMENT_SOURCE = "deployment"  # source of details the county sets itself (no web page)


@dataclass(frozen=True)
class TopicAnswerRecord:
    """The answer to one topic intent, for all municipalities or for one."""

    intent: str
    municipality: str
    text: str
    sources: tuple[str, ...]
    checked: date
    next_steps: tuple[str, ...] = ()
    service_categories: tuple[str, ...] = ()
    needs_municipality: bool = False
    offers_contact: bool = False


@dataclass(frozen=True)
class ServiceRecord:
    """One service-directory entry."""

    key: str
    name: str
    helps_with: str
    municipalities: tuple[str, ...]
    categories: tuple[str, ...]
    url: str
    source: str
    checked: date
    verified: bool
    phone: str | None = None
    hours: str | None = None
    deployment: bool = False

    @property
    def is_set(self) -> bool:
        """False for a deployment entry the county has not filled in yet (never shown)."""
        return bool(self.helps_with and self.municipalities)
