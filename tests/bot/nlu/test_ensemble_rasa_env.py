"""The ensemble's linear model and the baseline, run in the Rasa environment on toy data."""

import json
import subprocess

import pytest

from tests.conftest import RASA_BIN

SCRIPT = r"""
import json
from rasa.shared.nlu.training_data.message import Message
from bot.nlu.ensemble import LinearIntentModel
from bot.nlu_eval.baseline import crossval_predictions
from bot.nlu_eval.folds import stratified_folds

data = [("vuokra on rästissä", "raha"), ("en pysty maksamaan vuokraa", "raha"),
        ("vuokrat maksamatta", "raha"), ("rästit kasvaa", "raha"),
        ("hana vuotaa", "vika"), ("patteri ei lämpene", "vika"),
        ("jääkaappi rikki", "vika"), ("suihku ei toimi", "vika")]
messages = [Message(data={"text": t}) for t, _ in data]
model = LinearIntentModel(c=20.0, vector_weight=1.0).fit(messages, [i for _, i in data])
probs = model.probabilities([Message(data={"text": "vuokra maksamatta"}),
                             Message(data={"text": "hana rikki"})])
labels = [i for _, i in data]
texts = [t for t, _ in data]
predicted = crossval_predictions(texts * 3, labels * 3, stratified_folds(labels * 3, 3))
print(json.dumps({"probs": probs, "cv": sum(p == g for p, g in zip(predicted, labels * 3))}))
"""


def test_linear_model_and_baseline_learn_a_toy_task():
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    out = subprocess.run(
        [str(python), "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    first, second = result["probs"]
    assert max(first, key=first.get) == "raha"
    assert max(second, key=second.get) == "vika"
    assert sum(first.values()) == pytest.approx(1.0)
    assert result["cv"] >= 20  # of 24: every duplicate is seen in another fold
