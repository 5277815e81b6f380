"""Writes Rasa's endpoints file (action server, tracker store, lock store) from the settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from bot.config import Settings
from bot.paths import VAR_DIR

ENDPOINTS_FILE = VAR_DIR / "endpoints.yml"
LOCK_KEY_PREFIX = "asumisbotti"  # Rasa allows letters and digits only
# Rasa's SQL tracker store, waiting out a short database outage (bot/runtime/tracker_store.py).
TRACKER_STORE_CLASS = "bot.runtime.tracker_store.ResilientSQLTrackerStore"
HEADER = "# Written by `asumisbotti runtime endpoints` from the settings (bot/config.py).\n"


class RuntimeConfigError(ValueError):
    """The settings cannot give a working Rasa set-up (e.g. several workers without Redis)."""


def tracker_store(url: str) -> dict[str, Any]:
    """Rasa's SQL tracker store for a SQLAlchemy-style URL (sqlite:///path or postgresql://...)."""
    parts = urlsplit(url)
    dialect = parts.scheme.split("+", 1)[0]
    if dialect == "sqlite":
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise RuntimeConfigError(f"tracker store URL has no file: {url!r}")
        return {"type": TRACKER_STORE_CLASS, "dialect": "sqlite", "db": path}
    if dialect not in ("postgresql", "postgres"):
        raise RuntimeConfigError(f"tracker store must be sqlite or postgresql, not {dialect!r}")
    store: dict[str, Any] = {
        "type": TRACKER_STORE_CLASS,
        "dialect": "postgresql",
        "url": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "db": unquote(parts.path.lstrip("/")) or "postgres",
    }
    if parts.username:
        store["username"] = unquote(parts.username)
    if parts.password:
        store["password"] = unquote(parts.password)
    return store


def lock_store(url: str) -> dict[str, Any]:
    """Rasa's Redis lock store for a redis:// (or rediss://) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise RuntimeConfigError(f"REDIS_URL must start with redis:// or rediss://: {url!r}")
    store: dict[str, Any] = {
        "type": "redis",
        "url": parts.hostname or "127.0.0.1",
        "port": parts.port or 6379,
        "db": int(parts.path.lstrip("/") or 0),
        "key_prefix": LOCK_KEY_PREFIX,
    }
    if parts.password:
        store["password"] = unquote(parts.password)
    if parts.scheme == "rediss":
        store["use_ssl"] = True
    return store


def action_endpoint_url(settings: Settings) -> str:
    """ACTION_ENDPOINT_URL when set, else the action server's webhook under ACTIONS_URL."""
    return os.environ.get("ACTION_ENDPOINT_URL", "").strip() or f"{settings.actions_url}/webhook"


def endpoints(settings: Settings) -> dict[str, Any]:
    """The endpoints configuration; refuses several Rasa workers without a Redis lock store."""
    redis_url = settings.redis_url.strip()
    if settings.rasa_workers > 1 and not redis_url:
        raise RuntimeConfigError(
            f"RASA_WORKERS={settings.rasa_workers} needs REDIS_URL: Rasa runs several workers "
            "only with a Redis lock store (`make run` starts a local one: "
            "scripts/local-services.sh)"
        )
    config: dict[str, Any] = {
        "action_endpoint": {"url": action_endpoint_url(settings)},
        "tracker_store": tracker_store(settings.resolved_tracker_db_url()),
    }
    if redis_url:
        config["lock_store"] = lock_store(redis_url)
    return config


def write_endpoints(settings: Settings, path: Path = ENDPOINTS_FILE) -> Path:
    """Write the endpoints file (readable by its owner only: it may hold passwords)."""
    text = HEADER + yaml.safe_dump(endpoints(settings), sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
