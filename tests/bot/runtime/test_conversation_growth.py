"""A turn costs no more at turn 150 of a conversation than at turn 10 (issue 14: within 1.2x).

Rasa in-process with the speed-ups, the SQL tracker store on a SQLite file and an action
endpoint that answers at once: one conversation of 150 turns (the bench's 30 messages in a
loop), with the CPU time of each turn: turns 121-150 against turns 1-30, the same messages,
message by message (the median of the 30 ratios). CPU time rather than wall time: the
machine's other load moves the latter. The bench measures wall time over HTTP (`make bench`,
"one long conversation").
"""

import ast
import json
from pathlib import Path

from bot.paths import PROJECT_ROOT
from tests.rasa_env import ACTION_ENDPOINT, run_script


def bench_messages() -> list[str]:
    """The messages of scripts/bench.py's conversations, in order (read, not imported)."""
    tree = ast.parse((PROJECT_ROOT / "scripts" / "bench.py").read_text(encoding="utf-8"))
    value = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                 and any(getattr(t, "id", "") == "CONVERSATIONS" for t in node.targets))
    return [message for script in ast.literal_eval(value) for message in script]

SCRIPT = ACTION_ENDPOINT + r"""
from bot.rasa_speedups import install, one_thread_per_library
one_thread_per_library()
install()
import asyncio, json, logging, statistics, sys, time
from rasa.utils.log_utils import configure_structlog
configure_structlog(logging.INFO)  # as `rasa run` has it: debug lines are not rendered
from rasa.core.agent import Agent
from rasa.core.channels import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.utils.endpoints import EndpointConfig
from bot.runtime.tracker_store import ResilientSQLTrackerStore

server, url = serve(lambda body: (200, {"events": [], "responses": []}))
store = ResilientSQLTrackerStore(domain=None, dialect="sqlite", db=sys.argv[2])
agent = Agent.load(sys.argv[1], tracker_store=store, lock_store=InMemoryLockStore(),
                   action_endpoint=EndpointConfig(url))
messages = json.loads(sys.argv[3])

async def turn(sender, text):
    output = CollectingOutputChannel()
    started = time.process_time()
    await agent.handle_message(UserMessage(text, output, sender))
    return time.process_time() - started, bool(output.messages)

async def main():
    for text in messages[:12]:  # TensorFlow and the caches warm up on another conversation
        await turn("warm-up", text)
    return [await turn("long", messages[index % len(messages)]) for index in range(150)]

turns = asyncio.run(main())
seconds = [s for s, _ in turns]
tracker = asyncio.run(store.retrieve("long"))
cycle = len(messages)  # the same messages in both: turns 1-30 and 121-150
ratios = [late / early for early, late in zip(seconds[:cycle], seconds[-cycle:])]
print(json.dumps({"first": statistics.median(seconds[:cycle]) * 1000,
                  "last": statistics.median(seconds[-cycle:]) * 1000, "cycle": cycle,
                  "ratio": statistics.median(ratios),
                  "answered": sum(answered for _, answered in turns),
                  "events": len(tracker.events)}))
"""


def test_turn_150_costs_no_more_than_turn_10(trained_model, tmp_path: Path):
    result = run_script(SCRIPT, str(trained_model), str(tmp_path / "trackers.db"),
                        json.dumps(bench_messages()))
    # The stand-in action server answers nothing: only the turns that end in a response speak.
    assert result["answered"] > 30 and result["events"] > 600, result
    assert result["cycle"] == 30
    assert result["ratio"] <= 1.2, result
