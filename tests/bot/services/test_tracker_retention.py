"""`asumisbotti purge` deletes conversations idle past the retention, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

from bot.services.tracker_retention import engine_for, purge_trackers

HOUR = 3600.0
NOW = 1_790_000_000.0
# The table as Rasa's SQLTrackerStore creates it (rasa/core/tracker_store.py, SQLEvent).
METADATA = sa.MetaData()
EVENTS = sa.Table(
    "events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def add_conversation(engine: sa.Engine, sender: str, *hours_ago: float) -> None:
    with engine.begin() as connection:
        connection.execute(EVENTS.insert(), [
            {"sender_id": sender, "type_name": "user", "timestamp": NOW - h * HOUR,
             "data": '{"text": "mulla on vuokrat rästissä"}'} for h in hours_ago])


def senders(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(EVENTS.c.sender_id, sa.func.count()).group_by(EVENTS.c.sender_id))
        return dict(rows.all())


def test_only_conversations_idle_past_the_retention_are_deleted_whole(database_url):
    engine = engine_for(database_url)
    METADATA.create_all(engine)
    add_conversation(engine, "idle", 50, 30, 25)  # last message 25 h ago
    add_conversation(engine, "returning", 60, 40, 2)  # old start, but active 2 h ago
    add_conversation(engine, "fresh", 1)

    removed = purge_trackers(engine, retention_hours=24, now=NOW)

    assert removed == 3
    assert senders(engine) == {"returning": 3, "fresh": 1}
    assert purge_trackers(engine, retention_hours=24, now=NOW) == 0
    assert purge_trackers(engine, retention_hours=1.5, now=NOW) == 3
    assert senders(engine) == {"fresh": 1}
    engine.dispose()


def test_nothing_to_do_before_rasa_has_created_its_table(database_url):
    engine = engine_for(database_url)
    assert purge_trackers(engine, retention_hours=24, now=NOW) == 0
    engine.dispose()


def test_plain_postgresql_urls_use_psycopg_3():
    engine = engine_for("postgresql://botti@127.0.0.1:5432/trackers")
    assert engine.url.drivername == "postgresql+psycopg"
