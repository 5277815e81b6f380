"""The bench's growth table compares like with like (scripts/bench.py)."""

import importlib.util
import sys
from pathlib import Path

from tests.own_loop import run_coroutine
from tests.rasa_env import ACTION_ENDPOINT

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
spec = importlib.util.spec_from_file_location("bench", BENCH)
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench  # dataclasses look their module up by name
spec.loader.exec_module(bench)


def test_the_last_ten_turns_repeat_the_first_ten_messages():
    texts = bench.growth_messages(150)
    assert len(texts) == 150
    assert texts[-10:] == texts[:10]
    every = {m for script in bench.CONVERSATIONS for m in script}
    assert set(texts[10:140]) == every  # the middle still goes through every topic


def test_a_short_series_is_the_plain_loop():
    messages = [m for script in bench.CONVERSATIONS for m in script]
    assert bench.growth_messages(12) == (messages * 2)[:12]


def test_the_growth_row_compares_the_late_turns_with_both_early_series():
    measured = bench.Growth(long=[40.0] * 10 + [999.0] * 130 + [44.0] * 9 + [60.0],
                            fresh=[50.0] * 10)
    assert bench.growth_row("1", measured) == "| 1 | 150 | 40 | 44 | 50 | 1.10 | 0.88 | yes / yes |"
    slower = bench.Growth(long=[40.0] * 140 + [50.0] * 10, fresh=[45.0] * 10)
    assert bench.growth_row("2", slower).endswith("| 1.25 | 1.11 | no / yes |")


def test_the_new_conversation_alternates_with_the_last_ten_turns():
    """A stand-in for /api/chat records the order of the two conversations' turns."""
    seen = []

    def answer(body):
        seen.append((body["sender"], body["message"]))
        return 200, {"messages": [{"text": "ok"}], "degraded": False}

    namespace: dict = {}
    exec(ACTION_ENDPOINT, namespace)  # the tests' stand-in HTTP endpoint
    server, _ = namespace["serve"](answer)
    try:
        # run_coroutine: the browser tests' Playwright keeps a loop running in this thread
        measured = run_coroutine(bench.growth(f"http://127.0.0.1:{server.server_port}", 30))
    finally:
        server.shutdown()
    assert len(measured.long) == 30 and len(measured.fresh) == 10
    long_sender = seen[0][0]
    tail = seen[20:]
    assert [sender == long_sender for sender, _ in tail] == [False, True] * 10
    assert [text for _, text in tail[0::2]] == [text for _, text in tail[1::2]]
    assert [text for _, text in tail[1::2]] == [text for _, text in seen[:10]]
