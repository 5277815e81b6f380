"""The linear model's one-message path gives scikit-learn's probabilities, faster."""

from tests.rasa_env import run_script

# The trained model's linear part, on every held-out message (and a few odd ones), with spaCy-
# sized unit vectors standing in for the sentence vectors: both paths, compared number by number.
SCRIPT = r"""
import json, re, sys, tarfile, time
from pathlib import Path
import joblib
import numpy as np

archive = tarfile.open(sys.argv[1])
member = next(m for m in archive.getmembers() if m.name.endswith("linear_intent_model.joblib"))
model = joblib.load(archive.extractfile(member))
texts = re.findall(r"^\s+- (.+)$", Path("tests/nlu/test_nlu.yml").read_text(), re.M)
texts += ["", "😀😀", "x" * 2000, "ÄÄÄ ööö", "/inform_kunta"]
dimension = model.classifier.coef_.shape[1] - sum(len(v.idf_) for v in model.vectorizers.values())
rng = np.random.default_rng(7)
vectors = [v / np.linalg.norm(v) for v in rng.normal(size=(len(texts), dimension))]
lemmas = [t.lower() for t in texts]
started = time.perf_counter()
slow = [model.distributions(model.matrix([t], [l], [v], fit=False))[0]
        for t, l, v in zip(texts, lemmas, vectors)]
middle = time.perf_counter()
fast = [model.distribution(t, l, v) for t, l, v in zip(texts, lemmas, vectors)]
ended = time.perf_counter()
worst = max(abs(a[k] - b[k]) for a, b in zip(slow, fast) for k in a)
same_top = sum(max(a, key=a.get) == max(b, key=b.get) for a, b in zip(slow, fast))
print(json.dumps({"texts": len(texts), "worst": worst, "same_top": same_top,
                  "keys": all(a.keys() == b.keys() for a, b in zip(slow, fast)),
                  "speedup": (middle - started) / (ended - middle)}))
"""


def test_one_message_path_equals_scikit_learn_on_every_held_out_message(trained_model):
    result = run_script(SCRIPT, str(trained_model))
    assert result["texts"] > 200
    assert result["keys"]
    assert result["worst"] < 1e-9, result
    assert result["same_top"] == result["texts"]
    assert result["speedup"] > 2, result
