"""Shared test helpers: the Rasa environment and the trained model, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT

# Shared fixtures: fresh databases on SQLite and PostgreSQL, one Rasa stack per session.
pytest_plugins = ["tests.databases", "tests.e2e.stack", "tests.staff",
                  "tests.smtp_sink", "tests.redis_server"]

RASA_BIN = PROJECT_ROOT / os.environ.get("RASA_VENV", ".venv-rasa") / "bin"
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
def content_db(content_database_url, monkeypatch):
    """A fresh database (SQLite, then PostgreSQL), migrated and loaded from data/content/."""
    from actions.store import reset_caches
    from bot.store.db import Database, make_engine

    monkeypatch.setenv("DATABASE_URL", content_database_url)
    db = Database(make_engine(content_database_url))
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


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under `make test` (ASUMISBOTTI_REQUIRE_MODEL=1) any skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0 and os.environ.get("ASUMISBOTTI_REQUIRE_MODEL") == "1":
        reporter.write_sep("=", f"{skipped} skipped: `make test` allows no skips", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
