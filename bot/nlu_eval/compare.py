"""Prints the pipeline comparison table from `scripts/compare_pipelines.sh` results."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def comparison_table(results_dir: Path) -> str:
    """One Markdown row per pipeline: accuracy, macro/weighted F1, crisis F1, seconds."""
    rows = [
        "| pipeline | accuracy | macro F1 | weighted F1 | kriisi F1 | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for run in sorted(p for p in results_dir.iterdir() if (p / "result.json").exists()):
        result = json.loads((run / "result.json").read_text())
        seconds = (run / "seconds").read_text().strip() if (run / "seconds").exists() else "?"
        rows.append(
            f"| {run.name} | {result['accuracy']:.3f} | {result['macro avg']['f1-score']:.3f} | "
            f"{result['weighted avg']['f1-score']:.3f} | "
            f"{result.get('kriisi', {}).get('f1-score', 0.0):.3f} | {seconds} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(comparison_table(Path(sys.argv[1])))
