"""A migrated, empty database per test (SQLite, then PostgreSQL)."""

from __future__ import annotations

import pytest

from bot.store.db import Database, make_engine
from bot.store.migrate import upgrade


@pytest.fixture
def db(database_url):
    database = Database(make_engine(database_url))
    upgrade(database)
    yield database
    database.engine.dispose()
