"""The tracker store finds a conversation through an index, on SQLite and PostgreSQL alike."""

import json
import subprocess

import pytest

from bot.paths import PROJECT_ROOT
from bot.runtime.endpoints import tracker_store
from bot.services.tracker_retention import purge_tracker_url
from tests.conftest import RASA_BIN
from tests.rasa_env import run_script

# Runs in the Rasa environment: store two conversations, read one back, report the indexes,
# the SQLite journal mode and the query plan of the per-conversation event query.
SCRIPT = r"""
import asyncio, json, sys
import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from bot.runtime.tracker_store import ResilientSQLTrackerStore

config = json.loads(sys.argv[1])
config.pop("type")
if "url" in config:  # endpoints.yml's `url` is the host, as Rasa reads it
    config["host"] = config.pop("url")

async def main():
    found = {}
    for attempt in ("first", "second"):  # a second start finds the indexes in place
        store = ResilientSQLTrackerStore(domain=None, **config)
    for sender in ("a", "b"):
        tracker = DialogueStateTracker.from_events(sender, [
            ActionExecuted("action_session_start"), SessionStarted(),
            ActionExecuted("action_listen"), UserUttered(f"hei {sender}"),
            SlotSet("kunta", "Tuusula")])
        await store.save(tracker)
    loaded = await store.retrieve("b")
    found["texts"] = [e.text for e in loaded.events if isinstance(e, UserUttered)]
    found["events"] = [type(e).__name__ for e in loaded.events]
    found["indexes"] = sorted(i["name"] for i in sa.inspect(store.engine).get_indexes("events"))
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            found["journal"] = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            found["pool"] = type(store.engine.pool).__name__  # connections are reused
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM events WHERE sender_id = 'b' ORDER BY id")
            found["plan"] = " ".join(str(row[-1]) for row in plan)
    print(json.dumps(found))

asyncio.run(main())
"""


def test_the_store_adds_its_indexes_and_reads_a_conversation_back(database_url):
    found = run_script(SCRIPT, json.dumps(tracker_store(database_url)))
    assert found["texts"] == ["hei b"]
    # the current session: from its SessionStarted on
    assert found["events"] == ["SessionStarted", "ActionExecuted", "UserUttered", "SlotSet"]
    assert {"ix_events_sender_id_id", "ix_events_sender_type_time"} <= set(found["indexes"])
    if database_url.startswith("sqlite"):
        assert found["journal"] == "wal"
        assert found["pool"] == "QueuePool"
        assert "USING INDEX ix_events_sender" in found["plan"] or \
            "USING COVERING INDEX ix_events_sender" in found["plan"], found["plan"]


# Two stores on one database are two Rasa workers. A turn: retrieve, add events, save.
CACHE_SCRIPT = r"""
import asyncio, json, sys
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from bot.runtime.tracker_store import ResilientSQLTrackerStore

config = json.loads(sys.argv[1])
config.pop("type")
if "url" in config:
    config["host"] = config.pop("url")
domain = Domain.load("domain")
one = ResilientSQLTrackerStore(domain=domain, **config)
two = ResilientSQLTrackerStore(domain=domain, **config)

def texts(tracker):
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else None

async def turn(store, text):
    tracker = await store.retrieve("s")
    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)

async def main():
    found = {}
    await one.save(DialogueStateTracker.from_events("s", [
        ActionExecuted("action_session_start"), SessionStarted(),
        ActionExecuted("action_listen")], slots=domain.slots))
    await turn(one, "eka")  # loaded (the first save held action_session_start too)
    await turn(one, "toka")  # remembered
    found["one_after_two_turns"] = [texts(await one.retrieve_full_tracker("s")), one.cache.hits]
    await turn(two, "kolmas")  # the other worker
    seen = await one.retrieve("s")
    found["one_sees_the_other"] = [texts(seen), one.cache.hits, one.caught_up]
    await one.save(seen)
    found["caught_up_equals_a_load"] = [
        e.as_dict() for e in (await ResilientSQLTrackerStore(domain=domain, **config)
                              .retrieve("s")).events] == [e.as_dict() for e in seen.events]
    await turn(one, "neljäs")
    broken = await one.retrieve("s")  # a turn that never saves
    broken.update(UserUttered("tallentamaton"))
    found["unsaved_is_dropped"] = texts(await one.retrieve("s"))
    found["fresh_load_agrees"] = texts(await ResilientSQLTrackerStore(
        domain=domain, **config).retrieve("s"))
    await turn(one, "viides")
    restarted = await two.retrieve("s")  # the other worker starts a new session
    for event in (ActionExecuted("action_session_start"), SessionStarted(),
                  ActionExecuted("action_listen"), UserUttered("uusi")):
        restarted.update(event)
    await two.save(restarted)
    caught_up = one.caught_up
    found["new_session_loads_in_full"] = [texts(await one.retrieve("s")), one.caught_up - caught_up]
    print(json.dumps(found), flush=True)
    sys.stdin.readline()  # the test purges the database meanwhile
    print(json.dumps({"after_purge": texts(await one.retrieve("s"))}), flush=True)

asyncio.run(main())
"""


def test_a_worker_reuses_its_tracker_only_while_the_database_agrees(database_url):
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    config = tracker_store(database_url)
    worker = subprocess.Popen([str(python), "-c", CACHE_SCRIPT, json.dumps(config)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT)
    try:
        found = json.loads(worker.stdout.readline() or "{}")
        deleted = purge_tracker_url(database_url, retention_hours=-1)  # all count as idle
        out, err = worker.communicate("purged\n", timeout=300)
    finally:
        worker.kill()
    assert worker.returncode == 0, err[-3000:]
    assert deleted > 0
    assert found["one_after_two_turns"] == [["eka", "toka"], 1]  # the second turn was a hit
    # a miss, and only the other worker's rows were read and applied
    assert found["one_sees_the_other"] == [["eka", "toka", "kolmas"], 1, 1]
    assert found["caught_up_equals_a_load"]
    assert found["new_session_loads_in_full"] == [["uusi"], 0]
    assert found["unsaved_is_dropped"] == ["eka", "toka", "kolmas", "neljäs"]
    assert found["fresh_load_agrees"] == found["unsaved_is_dropped"]
    assert json.loads(out.strip().splitlines()[-1]) == {"after_purge": None}


# The same turns through Rasa's own SQLTrackerStore and through ours: identical rows.
ROWS_SCRIPT = r"""
import asyncio, json, sys
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from bot.runtime.tracker_store import ResilientSQLTrackerStore

config = json.loads(sys.argv[1])
config.pop("type")
if "url" in config:
    config["host"] = config.pop("url")
domain = Domain.load("domain")
turns = [
    [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")],
    [UserUttered("hei", {"name": "tervehdys", "confidence": 0.9}), BotUttered("Moi"),
     ActionExecuted("utter_greet"), ActionExecuted("action_listen")],
    [UserUttered("asun Tuusulassa"), SlotSet("kunta", "Tuusula"), ActionExecuted("action_listen")],
    # a new session in the middle: the store must count only the latest session's events
    [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("kunta", "Tuusula"),
     ActionExecuted("action_listen"), UserUttered("kiitos"), ActionExecuted("action_listen")],
    [UserUttered("moi taas"), ActionExecuted("action_listen")],
]

async def play_saving_twice(store, sender):
    # A new conversation's first turn: Rasa saves after the session start, then at the end.
    for events in turns:
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
        for index, event in enumerate(events):
            tracker.update(event)
            if index == len(events) // 2:
                await store.save(tracker)
        await store.save(tracker)

async def play(store, sender, load_first):
    for events in turns:
        tracker = await store.retrieve(sender) if load_first else None
        if tracker is None:
            tracker = DialogueStateTracker(sender, domain.slots)
            if not load_first:  # a save without a load: the whole history each time
                for earlier in turns[: turns.index(events)]:
                    for event in earlier:
                        tracker.update(event)
        for event in events:
            tracker.update(event)
        await store.save(tracker)

async def main():
    plain = SQLTrackerStore(domain=domain, **config)
    ours = ResilientSQLTrackerStore(domain=domain, **config)
    await play(plain, "plain", True)
    await play(ours, "ours", True)
    await play(plain, "plain unloaded", False)
    await play(ours, "unloaded", False)
    await play_saving_twice(plain, "plain twice")
    await play_saving_twice(ours, "twice")
    never = [await store.retrieve("never seen") for store in (plain, ours)]
    rows = {}
    with ours.engine.connect() as connection:
        for sender in ("plain", "ours", "plain unloaded", "unloaded", "plain twice", "twice"):
            found = connection.execute(sa.text(
                "SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                "WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
            rows[sender] = [list(row) for row in found]
        marks = [list(ours._mark(s)) for s in ("plain", "ours")]
    loaded = await ours.retrieve("ours")
    print(json.dumps({"rows": rows, "counts": [m[0] for m in marks], "never": never,
                      "texts": [e.text for e in loaded.events if isinstance(e, UserUttered)]}))

asyncio.run(main())
"""


def test_our_saves_write_the_rows_rasas_own_store_writes(database_url):
    found = run_script(ROWS_SCRIPT, json.dumps(tracker_store(database_url)))
    rows = found["rows"]
    assert len(rows["plain"]) == sum([3, 4, 3, 6, 2])
    assert rows["ours"] == rows["plain"]
    assert rows["unloaded"] == rows["plain unloaded"]  # without a load: Rasa's own save
    assert rows["twice"] == rows["plain twice"]  # a first turn: two saves
    assert found["never"] == [None, None]
    assert found["counts"] == [7, 7]  # the latest session: from its SessionStarted on
    assert found["texts"] == ["kiitos", "moi taas"]
