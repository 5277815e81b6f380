"""Rasa's endpoints file is written from the settings: SQL trackers, Redis locks, workers."""

from __future__ import annotations

import pytest
import yaml

from bot.config import Settings
from bot.paths import VAR_DIR
from bot.runtime.endpoints import (
    TRACKER_STORE_CLASS,
    RuntimeConfigError,
    endpoints,
    write_endpoints,
)


def settings(**values: str) -> Settings:
    return Settings.model_validate({k.upper(): v for k, v in values.items()})


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    for name in ("TRACKER_DB_URL", "REDIS_URL", "RASA_WORKERS", "ACTION_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)


def test_the_default_is_a_sqlite_file_under_var_and_no_lock_store():
    config = endpoints(settings(actions_url="http://127.0.0.1:5055"))
    assert config == {
        "action_endpoint": {"url": "http://127.0.0.1:5055/webhook"},
        "tracker_store": {"type": TRACKER_STORE_CLASS, "dialect": "sqlite",
                          "db": str(VAR_DIR / "trackers.db")},
    }


def test_postgresql_and_redis_urls_become_rasas_fields():
    config = endpoints(settings(
        tracker_db_url="postgresql+psycopg://botti:s%40lainen@db.example:5433/trackers",
        redis_url="redis://:pw@cache.example:6380/2", rasa_workers="3"))
    assert config["tracker_store"] == {
        "type": TRACKER_STORE_CLASS, "dialect": "postgresql", "url": "db.example", "port": 5433,
        "db": "trackers", "username": "botti", "password": "s@lainen"}
    assert config["lock_store"] == {
        "type": "redis", "url": "cache.example", "port": 6380, "db": 2,
        "key_prefix": "asumisbotti", "password": "pw"}


def test_action_endpoint_url_from_the_environment_wins(monkeypatch):
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://actions.internal:5055/webhook")
    config = endpoints(settings())
    assert config["action_endpoint"] == {"url": "http://actions.internal:5055/webhook"}


def test_several_rasa_workers_need_redis():
    with pytest.raises(RuntimeConfigError, match="REDIS_URL"):
        endpoints(settings(rasa_workers="2"))


@pytest.mark.parametrize("url", ["mysql://x@h/db", "sqlite://", "redis-ish://x"])
def test_unknown_tracker_databases_are_refused(url):
    with pytest.raises(RuntimeConfigError):
        endpoints(settings(tracker_db_url=url))


def test_the_file_is_yaml_readable_by_its_owner_only(tmp_path):
    path = write_endpoints(settings(tracker_db_url=f"sqlite:///{tmp_path}/t.db"),
                           tmp_path / "endpoints.yml")
    assert yaml.safe_load(path.read_text())["tracker_store"]["db"] == f"{tmp_path}/t.db"
    assert path.stat().st_mode & 0o077 == 0
