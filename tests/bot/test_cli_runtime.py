"""`asumisbotti runtime endpoints` and the conversation part of `asumisbotti purge`."""

from __future__ import annotations

import time

import sqlalchemy as sa
import yaml

from bot.cli import main
from tests.bot.services.test_tracker_retention import EVENTS, METADATA
from tests.staff import fresh_db


def add_events(url: str, sender: str, hours_ago: float) -> None:
    engine = sa.create_engine(url)
    METADATA.create_all(engine)
    with engine.begin() as connection:
        connection.execute(EVENTS.insert(), [{"sender_id": sender, "type_name": "user",
                                               "timestamp": time.time() - hours_ago * 3600}])
    engine.dispose()


def count_events(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(EVENTS)).scalar_one()
    engine.dispose()
    return count


def test_runtime_endpoints_writes_the_file_or_explains_what_is_missing(tmp_path, monkeypatch,
                                                                      capsys):
    out = tmp_path / "endpoints.yml"
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'trackers.db'}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("RASA_WORKERS", "2")
    assert main(["runtime", "endpoints", "--out", str(out)]) == 1
    assert "REDIS_URL" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert main(["runtime", "endpoints", "--out", str(out)]) == 0
    assert yaml.safe_load(out.read_text())["lock_store"]["type"] == "redis"


def test_purge_command_deletes_idle_conversations(tmp_path, monkeypatch, capsys):
    trackers = f"sqlite:///{tmp_path / 'trackers.db'}"
    app_url = f"sqlite:///{tmp_path / 'app.db'}"
    fresh_db(app_url).engine.dispose()
    monkeypatch.setenv("DATABASE_URL", app_url)
    monkeypatch.setenv("TRACKER_DB_URL", trackers)
    add_events(trackers, "eilinen", hours_ago=30)
    add_events(trackers, "tuore", hours_ago=1)
    assert main(["purge"]) == 0
    assert "purged 1 conversation events idle for more than 24 hours" in capsys.readouterr().out
    assert main(["purge", "--hours", "0.5"]) == 0 and count_events(trackers) == 0


def test_the_web_app_purges_conversations_at_start_up(tmp_path):
    from tests.staff import staff_app

    trackers = f"sqlite:///{tmp_path / 'trackers.db'}"
    add_events(trackers, "vanha", hours_ago=48)
    add_events(trackers, "uusi", hours_ago=0)
    for _setup in staff_app(f"sqlite:///{tmp_path / 'app.db'}", tracker_db_url=trackers):
        deadline = time.monotonic() + 10
        while count_events(trackers) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert count_events(trackers) == 1
