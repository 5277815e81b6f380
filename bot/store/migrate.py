"""Runs the Alembic migrations from code (CLI, tests), without an alembic.ini lookup by cwd."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot.paths import PROJECT_ROOT
from bot.store.db import Database


def alembic_config(db: Database) -> Config:
    """Alembic config pointing at this repository's migrations and the given database."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["url"] = db.engine.url.render_as_string(hide_password=False)
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to `revision` on the database's own connection."""
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
