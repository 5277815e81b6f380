"""Shared test helpers: the Rasa environment and the trained model, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from tests.databases import database_url, postgres_cluster  # noqa: F401 - shared fixtures
from tests.e2e.stack import RASA_BIN, stack  # noqa: F401 - one Rasa stack per session

MODELS_DIR = PROJECT_ROOT / os.environ.get("MODELS_DIR", "models")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """Newest model; `make test` sets ASUMISBOTTI_REQUIRE_MODEL=1 so a missing one fails."""
    archives = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if archives and (RASA_BIN / "asumisbotti").exists():
        return archives[-1]
    if os.environ.get("ASUMISBOTTI_REQUIRE_MODEL") == "1":
        pytest.fail("no trained model or Rasa environment: run `make train`")
    pytest.skip("no trained model (run `make train`, or `make test` which trains first)")


@pytest.fixture
def content_db(database_url, monkeypatch):
    """A fresh database (SQLite, then PostgreSQL), migrated and loaded from data/content/."""
    import yaml

    from actions.store import reset_caches
    from bot.audit.definition import AUDIT_FILE
    from bot.store.audit_store import AuditStore
    from bot.store.content_files import load_answers, load_services
    from bot.config import Settings
    from bot.store.db import Database
    from bot.store.loader import load_content
    from bot.store.migrate import upgrade

    monkeypatch.setenv("DATABASE_URL", database_url)
    db = Database.from_settings(Settings.from_env())
    upgrade(db)
    load_content(db, load_answers(), load_services())
    AuditStore(db).save_definition(yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8")))
    reset_caches()
    yield db
    reset_caches()
    db.engine.dispose()


@pytest.fixture
def broken_db(tmp_path, monkeypatch):
    """A database URL that cannot be opened: the actions must fall back to domain defaults."""
    from actions.store import reset_caches

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    reset_caches()
    yield
    reset_caches()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the trained model `rasa` (`-m "not rasa"` runs the rest)."""
    for item in items:
        if "trained_model" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.rasa)
