"""Markdown reports of NLU evaluations (held-out set and cross-validation)."""

from __future__ import annotations

from typing import Any

from bot.nlu_eval.metrics import Evaluation


def heldout_markdown(
    evaluation: Evaluation, entity_accuracy: float | None, model: str, misses: list[str]
) -> str:
    """Per-intent F1, top confusions and the worst misses of one held-out run."""
    lines = [
        "# NLU held-out evaluation",
        "",
        f"- model: `{model}`",
        f"- examples: {evaluation.total}",
        f"- accuracy: **{evaluation.accuracy:.3f}**",
        f"- crisis (kriisi) recall: **{evaluation.recall_of.get('kriisi', 0.0):.3f}**",
    ]
    if entity_accuracy is not None:
        lines.append(f"- kunta entity accuracy: {entity_accuracy:.3f}")
    lines += [
        "",
        "## Per intent",
        "",
        "| intent | precision | recall | F1 | n |",
        "|---|---|---|---|---|",
    ]
    for s in sorted(evaluation.scores, key=lambda s: s.f1):
        lines.append(
            f"| {s.intent} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.support} |"
        )
    lines += [
        "",
        "## Top confusions (gold → predicted)",
        "",
        "| gold | predicted | n |",
        "|---|---|---|",
    ]
    for gold, predicted, count in evaluation.confusions[:15]:
        lines.append(f"| {gold} | {predicted or '(none)'} | {count} |")
    if misses:
        lines += ["", "## Misclassified examples", ""]
        lines += [f"- {m}" for m in misses]
    return "\n".join(lines) + "\n"


def crossval_markdown(intent_report: dict[str, Any], folds: int) -> str:
    """Summarise Rasa's cross-validation `intent_report.json` as Markdown."""
    per_intent = {k: v for k, v in intent_report.items() if isinstance(v, dict) and "f1-score" in v}
    averages = {
        k: per_intent.pop(k) for k in ("macro avg", "weighted avg", "micro avg") if k in per_intent
    }
    accuracy = intent_report.get("accuracy")
    lines = [f"# NLU {folds}-fold cross-validation", ""]
    if isinstance(accuracy, int | float):
        lines.append(f"- accuracy: **{accuracy:.3f}**")
    for name, values in averages.items():
        lines.append(f"- {name} F1: {values['f1-score']:.3f}")
    lines += ["", "| intent | precision | recall | F1 | n |", "|---|---|---|---|---|"]
    for intent, v in sorted(per_intent.items(), key=lambda kv: kv[1]["f1-score"]):
        lines.append(
            f"| {intent} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1-score']:.2f} "
            f"| {v['support']} |"
        )
    return "\n".join(lines) + "\n"


def crossval_summary_markdown(
    pipeline: Evaluation,
    baseline: Evaluation,
    *,
    folds: int,
    config: str,
    fold_seconds: list[float],
) -> str:
    """Cross-validation of a pipeline next to the linear baseline on the same folds."""
    margin = pipeline.accuracy - baseline.accuracy
    base_f1 = {s.intent: s.f1 for s in baseline.scores}
    lines = [
        f"# NLU {folds}-fold cross-validation",
        "",
        f"- config: `{config}`",
        f"- examples: {pipeline.total}",
        f"- accuracy: **{pipeline.accuracy:.3f}**",
        f"- baseline (TF-IDF char 2-5 + word 1-2, logistic regression): {baseline.accuracy:.3f}",
        f"- margin over the baseline: **{margin:+.3f}**",
        f"- crisis (kriisi) recall: {pipeline.recall_of.get('kriisi', 0.0):.3f}",
        f"- training seconds per fold: {', '.join(f'{s:.0f}' for s in fold_seconds)}",
        "",
        "| intent | precision | recall | F1 | baseline F1 | n |",
        "|---|---|---|---|---|---|",
    ]
    for s in sorted(pipeline.scores, key=lambda s: s.f1):
        lines.append(
            f"| {s.intent} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} "
            f"| {base_f1.get(s.intent, 0.0):.2f} | {s.support} |"
        )
    lines += ["", "## Top confusions (gold → predicted)", "", "| gold | predicted | n |"]
    lines.append("|---|---|---|")
    for gold, predicted, count in pipeline.confusions[:20]:
        lines.append(f"| {gold} | {predicted or '(none)'} | {count} |")
    return "\n".join(lines) + "\n"
