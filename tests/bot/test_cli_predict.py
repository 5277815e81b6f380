"""`asumisbotti predict` from outside: JSON lines, order, crisis override, speed."""

from __future__ import annotations

import json
import re
import subprocess
import time

import pytest

from tests.conftest import PROJECT_ROOT, RASA_BIN

CRISIS = [
    "mulle tulee häätö ja mietin et tapan itteni",
    "en jaksa enää elää",
    "poikaystävä uhkaa tappaa mut",
    "viiltelen taas",
]
NOT_CRISIS = ["tappaa aikaa kirjastossa", "kuolettavan tylsää jonottaa kelaan", "väkivaltapeli"]


def predict(model, lines: list[str]) -> tuple[list[dict], float, float]:
    started = time.monotonic()
    done = subprocess.run(
        [str(RASA_BIN / "asumisbotti"), "predict", "--model", str(model)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=600,
        check=True,
    )
    total = time.monotonic() - started
    loaded = re.search(r"loaded .* in ([0-9.]+) s", done.stderr)
    assert loaded, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()], total, float(loaded.group(1))


CONTROLS = [*CRISIS, "", *NOT_CRISIS, "asun [Tuusulassa]", "Asun Järvenpäässä"]
BULK = [f"mulla on vuokrat rästissä {i} kuukautta, mitä teen" for i in range(1000)]


@pytest.fixture(scope="module")
def predicted(trained_model):
    """One run (loading the model takes most of a minute): the controls, then 1,000 lines."""
    return predict(trained_model, [*CONTROLS, *BULK])


@pytest.fixture(scope="module")
def crisis_and_controls(predicted):
    return predicted[0][: len(CONTROLS)]


def test_one_json_object_per_line_in_order(crisis_and_controls):
    results = crisis_and_controls
    assert len(results) == len(CRISIS) + 1 + len(NOT_CRISIS) + 2
    for result in results:
        assert set(result) == {"text", "intent", "confidence", "entities"}
        assert 0.0 <= result["confidence"] <= 1.0
    assert [r["text"] for r in results[: len(CRISIS)]] == CRISIS
    assert results[len(CRISIS)] == {"text": "", "intent": None, "confidence": 0.0, "entities": []}


def test_crisis_lexicon_forces_kriisi(crisis_and_controls):
    for result in crisis_and_controls[: len(CRISIS)]:
        assert (result["intent"], result["confidence"]) == ("kriisi", 1.0), result


def test_idioms_are_not_forced_to_crisis(crisis_and_controls):
    controls = crisis_and_controls[len(CRISIS) + 1 : len(CRISIS) + 1 + len(NOT_CRISIS)]
    assert all(r["confidence"] < 1.0 or r["intent"] != "kriisi" for r in controls)


def test_municipality_is_extracted_in_base_form(crisis_and_controls):
    result = crisis_and_controls[-1]
    assert {"entity": "kunta", "value": "Järvenpää"} in [
        {"entity": e["entity"], "value": e["value"]} for e in result["entities"]
    ]


def test_thousand_lines_take_under_a_minute_after_loading(predicted):
    results, total, load = predicted
    assert [r["text"] for r in results[len(CONTROLS):]] == BULK
    assert total - load < 60, f"{total - load:.1f} s for {len(results)} lines"
