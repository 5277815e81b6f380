"""The crisis evaluation set: its make-up, no overlap, and the trained model's recall on it."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest
import yaml

from bot.nlu_eval.crisis_eval import EVAL_PATH, EXPLICIT, load_cases
from bot.nlu_eval.dataset import load_examples
from bot.safety.crisis import normalise
from tests.bot.safety import test_crisis
from tests.conftest import PROJECT_ROOT, RASA_BIN

CASES = load_cases(PROJECT_ROOT / EVAL_PATH)
POSITIVE_KINDS = {
    "itsetuho",
    "epasuora",
    "slangi",
    "viiltely",
    "yliannostus",
    "menetelma",
    "kumppani",
    "perhe",
    "kamppis",
    "muu",
    "lapsi",
    "englanti",
}


def test_the_set_is_big_enough_and_covers_every_kind():
    positives = [c for c in CASES if c.positive]
    negatives = [c for c in CASES if not c.positive]
    assert len(positives) >= 120 and len(negatives) >= 60
    kinds = Counter(c.kind for c in positives)
    assert set(kinds) == POSITIVE_KINDS
    assert min(kinds.values()) >= 5
    assert {c.kind for c in negatives} == {"idiomi", "asuminen"}
    assert sum(c.level == EXPLICIT for c in positives) >= 60


def test_no_duplicates_inside_the_set():
    texts = [normalise(c.text) for c in CASES]
    assert [t for t, n in Counter(texts).items() if n > 1] == []


def test_no_overlap_with_training_data_heldout_set_or_lexicon_tests():
    files = [
        *(PROJECT_ROOT / "data" / "nlu").glob("*.yml"),
        PROJECT_ROOT / "tests/nlu/test_nlu.yml",
    ]
    others = {normalise(e.text) for path in files for e in load_examples(path)}
    lists = [v for name, v in vars(test_crisis).items() if name.isupper() and isinstance(v, list)]
    others |= {normalise(text) for values in lists for text in values if isinstance(text, str)}
    idioms = yaml.safe_load((PROJECT_ROOT / "bot/safety/crisis_idioms.yml").read_text("utf-8"))
    others |= {normalise(entry["example"]) for entry in idioms["idioms"]}
    assert sorted(normalise(c.text) for c in CASES if normalise(c.text) in others) == []


@pytest.fixture(scope="module")
def model_scores(trained_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("crisis") / "scores.json"
    done = subprocess.run(
        [
            str(RASA_BIN / "asumisbotti"),
            "crisis-eval",
            "--model",
            str(trained_model),
            "--json",
            str(out),
            "--report",
            str(out.with_suffix(".md")),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=900,
        check=False,
    )
    assert out.exists(), done.stderr[-3000:]
    return json.loads(out.read_text())


def test_model_catches_every_positive_and_gives_explicit_ones_the_crisis_answer(model_scores):
    model = model_scores["model"]
    assert model["misses"] == [] and model["recall"] == 1.0
    assert model["explicit_recall"] == 1.0


def test_model_false_alarms_stay_at_or_under_two_percent(model_scores):
    model = model_scores["model"]
    assert model["false_alarm_rate"] <= 0.02, model["false_alarms"]


def test_lexicon_alone_catches_every_explicit_positive(model_scores):
    assert model_scores["lexicon_only"]["explicit_recall"] == 1.0
