"""Prints the pipeline comparison table from `scripts/compare_pipelines.sh` results."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _row(name: str, result: dict, seconds: str) -> str:
    if "baseline_accuracy" in result:
        fold_seconds = result.get("fold_train_seconds") or []
        mean = f"{sum(fold_seconds) / len(fold_seconds):.0f}" if fold_seconds else seconds
        return (
            f"| {name} | {result['accuracy']:.3f} | {result['baseline_accuracy']:.3f} | "
            f"{result['margin']:+.3f} | {result['macro avg']['f1-score']:.3f} | "
            f"{result.get('kriisi', {}).get('f1-score', 0.0):.3f} | {mean} |"
        )
    return (
        f"| {name} | {result['accuracy']:.3f} | | | {result['macro avg']['f1-score']:.3f} | "
        f"{result.get('kriisi', {}).get('f1-score', 0.0):.3f} | {seconds} |"
    )


def comparison_table(results_dir: Path) -> str:
    """One Markdown row per pipeline (and per scored part of an ensemble run)."""
    rows = [
        "| pipeline | accuracy | baseline | margin | macro F1 | kriisi F1 | training s per fold |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in sorted(p for p in results_dir.iterdir() if (p / "result.json").exists()):
        result = json.loads((run / "result.json").read_text())
        seconds = (run / "seconds").read_text().strip() if (run / "seconds").exists() else "?"
        rows.append(_row(run.name, result, seconds))
        for part, accuracy in (result.get("part_accuracy") or {}).items():
            margin = accuracy - result["baseline_accuracy"]
            rows.append(
                f"| {run.name}: {part} | {accuracy:.3f} | {result['baseline_accuracy']:.3f} | "
                f"{margin:+.3f} | | | |"
            )
    return "\n".join(rows)


if __name__ == "__main__":
    print(comparison_table(Path(sys.argv[1])))
