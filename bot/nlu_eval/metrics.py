"""Intent metrics for the held-out set: accuracy, per-intent F1, confusions, crisis recall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and F1 of one intent."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Everything the report and the threshold check need."""

    accuracy: float
    scores: list[IntentScore]
    confusions: list[tuple[str, str, int]]
    recall_of: dict[str, float]
    total: int


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def evaluate(gold: Sequence[str], predicted: Sequence[str | None]) -> Evaluation:
    """Compare gold intents with predictions (None or nlu_fallback count as wrong)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    pairs = [(g, p or "") for g, p in zip(gold, predicted, strict=True)]
    correct = sum(g == p for g, p in pairs)
    gold_counts = Counter(g for g, _ in pairs)
    pred_counts = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    scores = []
    for intent in sorted(gold_counts):
        precision = _ratio(hits[intent], pred_counts[intent])
        recall = _ratio(hits[intent], gold_counts[intent])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(IntentScore(intent, precision, recall, f1, gold_counts[intent]))
    confusions = Counter((g, p) for g, p in pairs if g != p)
    return Evaluation(
        accuracy=_ratio(correct, len(pairs)),
        scores=scores,
        confusions=[(g, p, n) for (g, p), n in confusions.most_common()],
        recall_of={s.intent: s.recall for s in scores},
        total=len(pairs),
    )


def as_report_dict(evaluation: Evaluation) -> dict[str, object]:
    """The evaluation in the shape of Rasa's `intent_report.json` (sklearn's report)."""
    report: dict[str, object] = {
        s.intent: {
            "precision": s.precision,
            "recall": s.recall,
            "f1-score": s.f1,
            "support": s.support,
        }
        for s in evaluation.scores
    }
    total = sum(s.support for s in evaluation.scores) or 1
    report["accuracy"] = evaluation.accuracy
    report["macro avg"] = {
        "f1-score": sum(s.f1 for s in evaluation.scores) / max(len(evaluation.scores), 1)
    }
    report["weighted avg"] = {"f1-score": sum(s.f1 * s.support for s in evaluation.scores) / total}
    return report
