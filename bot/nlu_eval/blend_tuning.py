"""Compare blend settings offline on the out-of-fold distributions that `crossval --dump` saved.

    .venv/bin/python -m bot.nlu_eval.blend_tuning reports/crossval/distributions.jsonl
Each line holds one held-back example's DIET ranking and linear probabilities. Re-blending them
with another DIET weight gives that weight's cross-validation accuracy without training again. As
in the cross-validation, the label is the best real intent (`nlu_fallback` is a dialogue decision);
the crisis override is not simulated, so a chosen weight is confirmed by a real `make crossval`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.nlu.blend import blend

FALLBACK = "nlu_fallback"  # what the FallbackClassifier would add on top: counted, not a label
PROTECTED = ("kriisi", "kriisi_tarkistus")


@dataclass(frozen=True)
class BlendScore:
    """Accuracy of one DIET weight over all out-of-fold examples."""

    diet_weight: float
    accuracy: float
    fallbacks: int


def blended_label(example: dict[str, Any], diet_weight: float) -> str:
    """The best intent of the blend for one example with this weight."""
    return blend(example["diet"], example["linear"], diet_weight, PROTECTED)[0][0]


def would_fall_back(example: dict[str, Any], diet_weight: float, threshold: float = 0.4,
                    ambiguity: float = 0.05) -> bool:
    """True when the FallbackClassifier would answer with the fallback ladder instead."""
    ranking = blend(example["diet"], example["linear"], diet_weight, PROTECTED)
    second = ranking[1][1] if len(ranking) > 1 else 0.0
    return ranking[0][1] < threshold or ranking[0][1] - second < ambiguity


def score_weight(examples: Sequence[dict[str, Any]], diet_weight: float) -> BlendScore:
    """Accuracy and fallback count of one weight."""
    right = sum(blended_label(e, diet_weight) == e["gold"] for e in examples)
    fallbacks = sum(would_fall_back(e, diet_weight) for e in examples)
    return BlendScore(diet_weight, right / len(examples) if examples else 0.0, fallbacks)


def load(path: Path) -> list[dict[str, Any]]:
    """The dumped examples."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def table(scores: Iterable[BlendScore]) -> str:
    """Markdown table of the weights."""
    lines = ["| DIET weight | accuracy | fallbacks |", "| --- | --- | --- |"]
    lines += [f"| {s.diet_weight:.2f} | {s.accuracy:.3f} | {s.fallbacks} |" for s in scores]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy of DIET weights 0.0-1.0 on the dump."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump")
    parser.add_argument("--step", type=float, default=0.05)
    args = parser.parse_args(argv)
    examples = load(Path(args.dump))
    steps = round(1 / args.step)
    print(table(score_weight(examples, round(i * args.step, 4)) for i in range(steps + 1)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
