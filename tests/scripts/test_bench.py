"""The bench's growth table compares like with like (scripts/bench.py)."""

import importlib.util
import sys
from pathlib import Path

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


def test_the_growth_row_compares_the_medians_of_the_two_ends():
    latencies = [40.0] * 10 + [999.0] * 130 + [44.0] * 9 + [60.0]
    row = bench.growth_row("1", latencies)
    assert row == "| 1 | 150 | 40 | 44 | 1.10 | yes |"
    assert bench.growth_row("2", [40.0] * 140 + [50.0] * 10).endswith("| 1.25 | no |")
