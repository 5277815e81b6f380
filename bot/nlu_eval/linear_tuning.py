"""Compare settings of the ensemble's linear model on the cross-validation folds, in minutes.

    .venv-rasa/bin/python -m bot.nlu_eval.linear_tuning --dump reports/crossval/distributions.jsonl
The linear model is fast to train, DIET is not: this trains only the linear model (spaCy lemmas
and vectors computed once) on the same folds as `crossval`, prints each setting's out-of-fold
accuracy next to the baseline's, and, given DIET's dumped out-of-fold rankings, the blend's.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np

from bot.nlu.blend import blend
from bot.nlu_eval.baseline import crossval_predictions
from bot.nlu_eval.blend_tuning import PROTECTED
from bot.nlu_eval.crossval import load_intent_examples, payload_only_intents
from bot.nlu_eval.folds import TRAIN_ONLY, split, stratified_folds

SPACY_MODEL = "spacy_fi_experimental_web_md"


def spacy_features(texts: list[str]) -> tuple[list[str], list[np.ndarray | None]]:
    """Lemmas and the normalised mean token vector of each text, as the Rasa pipeline makes them."""
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    lemmas: list[str] = []
    vectors: list[np.ndarray | None] = []
    for doc in nlp.pipe([t.lower() for t in texts], batch_size=64):
        lemmas.append(" ".join((t.lemma_ or t.text).lower() for t in doc) or "")
        if not len(doc):
            vectors.append(None)
            continue
        vector = np.mean([t.vector for t in doc], axis=0)
        norm = float(np.linalg.norm(vector))
        vectors.append(vector / norm if norm else vector)
    return lemmas, vectors


def oof_distributions(texts: list[str], lemmas: list[str], vectors: list[Any], gold: list[str],
                      assignment: list[int], c: float, vector_weight: float
                      ) -> dict[int, dict[str, float]]:
    """Out-of-fold linear probabilities per example index."""
    from bot.nlu.ensemble import LinearIntentModel

    result: dict[int, dict[str, float]] = {}
    for fold in sorted(set(assignment) - {TRAIN_ONLY}):
        train, test = split(assignment, fold)
        model = LinearIntentModel(c, vector_weight)

        def pick(rows: list[int]) -> tuple[list[str], list[str], list[Any]]:
            return [texts[i] for i in rows], [lemmas[i] for i in rows], [vectors[i] for i in rows]

        model.classifier.fit(model.matrix(*pick(train), fit=True), [gold[i] for i in train])
        for index, dist in zip(test, model.distributions(model.matrix(*pick(test), fit=False)),
                               strict=True):
            result[index] = dist
    return result


def main(argv: list[str] | None = None) -> int:
    """Print accuracy of linear settings (and blends with DIET's dumped rankings)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data/nlu")
    parser.add_argument("--dump", help="DIET out-of-fold rankings from `crossval --dump`")
    parser.add_argument("--c", default="5,20,50")
    parser.add_argument("--vector-weights", default="0,1,2,3")
    parser.add_argument("--diet-weights", default="0.2,0.3,0.4,0.5")
    args = parser.parse_args(argv)
    _, examples = load_intent_examples(Path(args.data))
    texts = [m.get("text") for m in examples]
    gold = [m.get("intent") for m in examples]
    assignment = stratified_folds(gold, 5, 42, train_only=payload_only_intents())
    tested = [i for i, f in enumerate(assignment) if f != TRAIN_ONLY]
    baseline = crossval_predictions(texts, gold, assignment)
    base_acc = sum(baseline[i] == gold[i] for i in tested) / len(tested)
    print(f"baseline {base_acc:.3f} on {len(tested)} examples")
    diet: dict[tuple[int, str], dict[str, float]] = {}
    if args.dump:
        for line in Path(args.dump).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            diet[(row["fold"], row["text"])] = row["diet"]
    lemmas, vectors = spacy_features(texts)
    weights = [float(w) for w in args.diet_weights.split(",")]
    for c, vw in itertools.product(map(float, args.c.split(",")),
                                   map(float, args.vector_weights.split(","))):
        dists = oof_distributions(texts, lemmas, vectors, gold, assignment, c, vw)
        acc = sum(max(dists[i].items(), key=lambda kv: kv[1])[0] == gold[i]
                  for i in tested) / len(tested)
        line = f"C={c:g} vectors={vw:g}: linear {acc:.3f} ({acc - base_acc:+.3f})"
        covered = [i for i in tested if (assignment[i], texts[i]) in diet]
        for w in weights if covered else []:
            right = sum(blend(diet[(assignment[i], texts[i])], dists[i], w, PROTECTED)[0][0]
                        == gold[i] for i in covered)
            line += f" | blend {w:g}: {right / len(covered):.3f}"
        if covered:
            line += f" (blend on {len(covered)})"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
