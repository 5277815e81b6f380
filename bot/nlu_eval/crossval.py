"""K-fold cross-validation of a Rasa NLU config, with the linear baseline on the same folds.

Run in the Rasa environment from the project root:
    .venv-rasa/bin/python -m bot.nlu_eval.crossval --config config.yml --folds 5
Each fold trains an NLU-only model (`rasa.model_training.train_nlu`) on the other folds' examples
(synonyms and lookup tables always included), parses the held-back fold through the whole pipeline,
and trains the TF-IDF + logistic regression baseline on exactly the same split.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.nlu_eval.baseline import crossval_predictions
from bot.nlu_eval.folds import TRAIN_ONLY, split, stratified_folds
from bot.nlu_eval.metrics import as_report_dict, evaluate
from bot.nlu_eval.report import crossval_summary_markdown


@dataclass(frozen=True)
class CrossValResult:
    """Out-of-fold predictions of the pipeline and of the baseline, plus training times."""

    config: str
    texts: list[str]
    gold: list[str]
    predicted: list[str]
    baseline: list[str]
    train_seconds: list[float]
    parts: dict[str, list[str]]

    @property
    def accuracy(self) -> float:
        """Share of examples the pipeline classified right when they were held back."""
        return evaluate(self.gold, self.predicted).accuracy

    @property
    def baseline_accuracy(self) -> float:
        """The same for the linear baseline."""
        return evaluate(self.gold, self.baseline).accuracy

    @property
    def margin(self) -> float:
        """Pipeline accuracy minus baseline accuracy."""
        return self.accuracy - self.baseline_accuracy

    def as_json(self) -> dict[str, Any]:
        """Scores in the intent_report shape plus the baseline, margin and fold timings."""
        report = as_report_dict(evaluate(self.gold, self.predicted))
        report.update(
            config=self.config,
            baseline_accuracy=self.baseline_accuracy,
            margin=self.margin,
            fold_train_seconds=self.train_seconds,
            part_accuracy={k: evaluate(self.gold, v).accuracy for k, v in self.parts.items()},
        )
        return report


def payload_only_intents() -> tuple[str, ...]:
    """Intents only the bot's buttons send: trained on, never tested (nobody types them)."""
    try:
        from bot.services.button_payloads import PAYLOAD_ONLY_INTENTS
    except ImportError:  # the Rasa environment lacks an app-only dependency
        return ("valinta",)
    return tuple(PAYLOAD_ONLY_INTENTS)


def load_intent_examples(data_dir: Path) -> tuple[Any, list[Any]]:
    """Rasa's training data of `data_dir` and its messages that carry an intent."""
    from rasa.shared.nlu.training_data.loading import load_data

    training_data = load_data(str(data_dir))
    examples = [m for m in training_data.intent_examples if m.get("text")]
    return training_data, examples


def _fold_yaml(training_data: Any, messages: list[Any]) -> str:
    from rasa.shared.nlu.training_data.training_data import TrainingData

    subset = TrainingData(
        training_examples=messages,
        entity_synonyms=training_data.entity_synonyms,
        regex_features=training_data.regex_features,
        lookup_tables=training_data.lookup_tables,
    )
    return subset.nlu_as_yaml()


def _train_and_predict(
    config: Path, train_yaml: str, texts: list[str], workdir: Path,
    distributions: list[dict[str, Any]] | None = None,
) -> tuple[list[str], float]:
    from rasa.model_training import train_nlu

    from bot.nlu.ensemble import SOURCES_KEY
    from bot.nlu_eval.predictor import Predictor, _top_intent

    workdir.mkdir(parents=True, exist_ok=True)
    data_file = workdir / "train.yml"
    data_file.write_text(train_yaml, encoding="utf-8")
    started = time.monotonic()
    with contextlib.redirect_stdout(sys.stderr):
        model = train_nlu(str(config), str(data_file), str(workdir), fixed_model_name="model")
    seconds = time.monotonic() - started
    if not model:
        raise RuntimeError(f"training failed for {config}")
    predictor = Predictor(Path(model))
    predicted = []
    for text in texts:
        result = predictor.parse_raw(text)
        label = str(_top_intent(result).get("name") or "")
        # An ensemble run with `report_sources` also scores its parts: "label|diet|linear".
        sources = result.get(SOURCES_KEY)
        predicted.append(f"{label}|{sources['diet']}|{sources['linear']}" if sources else label)
        if sources and distributions is not None:
            distributions.append({"diet": sources["diet_ranking"],
                                  "linear": sources["linear_probabilities"]})
    return predicted, seconds


def _append_dump(path: Path, fold: int, examples: list[tuple[str, str]],
                 distributions: list[dict[str, Any]]) -> None:
    """Out-of-fold distributions of both models, one JSON line per example (blend_tuning)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for (text, gold), dist in zip(examples, distributions, strict=True):
            out.write(json.dumps({"fold": fold, "text": text, "gold": gold, **dist},
                                 ensure_ascii=False) + "\n")


def run(config: Path, data_dir: Path, folds: int, workdir: Path, seed: int = 42,
        dump: Path | None = None) -> CrossValResult:
    """Cross-validate `config` on `data_dir`; the baseline uses the same fold assignment."""
    training_data, examples = load_intent_examples(data_dir)
    texts = [m.get("text") for m in examples]
    gold = [m.get("intent") for m in examples]
    assignment = stratified_folds(gold, folds, seed, train_only=payload_only_intents())
    baseline = crossval_predictions(texts, gold, assignment)
    predicted = [""] * len(texts)
    seconds: list[float] = []
    for fold in range(folds):
        train, test = split(assignment, fold)
        fold_dir = workdir / f"fold{fold}"
        distributions: list[dict[str, Any]] = []
        fold_predicted, fold_seconds = _train_and_predict(
            config,
            _fold_yaml(training_data, [examples[i] for i in train]),
            [texts[i] for i in test],
            fold_dir,
            distributions,
        )
        if dump is not None and distributions:
            _append_dump(dump, fold, [(texts[i], gold[i]) for i in test], distributions)
        shutil.rmtree(fold_dir, ignore_errors=True)
        for index, label in zip(test, fold_predicted, strict=True):
            predicted[index] = label
        seconds.append(round(fold_seconds, 1))
        done = sum(predicted[i].split("|")[0] == gold[i] for i in test) / len(test)
        print(f"[crossval] fold {fold + 1}/{folds}: {done:.3f} in {fold_seconds:.0f} s", flush=True)
    tested = [i for i, f in enumerate(assignment) if f != TRAIN_ONLY]
    split_predictions = [predicted[i].split("|") for i in tested]
    parts = {}
    if all(len(p) == 3 for p in split_predictions):
        parts = {"DIET alone": [p[1] for p in split_predictions]}
        parts["linear alone"] = [p[2] for p in split_predictions]
    return CrossValResult(
        str(config),
        [texts[i] for i in tested],
        [gold[i] for i in tested],
        [p[0] for p in split_predictions],
        [baseline[i] for i in tested],
        seconds,
        parts,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--data", default="data/nlu")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--report", default="reports/nlu-crossval.md")
    parser.add_argument("--json", help="also write the scores as JSON")
    parser.add_argument("--dump", help="write both models' out-of-fold distributions (JSONL)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the cross-validation, write the report, print accuracy, baseline and margin."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    with tempfile.TemporaryDirectory(prefix="asumisbotti-cv-") as tmp:
        # Keep fold trainings out of the project's training cache (.rasa/cache).
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        os.environ["RASA_MAX_CACHE_SIZE"] = "0"
        dump = Path(args.dump) if args.dump else None
        if dump is not None:
            dump.unlink(missing_ok=True)
        result = run(Path(args.config), Path(args.data), args.folds, Path(tmp), args.seed, dump)
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        crossval_summary_markdown(
            evaluate(result.gold, result.predicted),
            evaluate(result.gold, result.baseline),
            folds=args.folds,
            config=result.config,
            fold_seconds=result.train_seconds,
        ),
        encoding="utf-8",
    )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result.as_json(), indent=1), encoding="utf-8")
    print(
        f"cross-validation ({args.folds} folds, n={len(result.gold)}): accuracy "
        f"{result.accuracy:.3f}, baseline (TF-IDF + logistic regression) "
        f"{result.baseline_accuracy:.3f}, margin {result.margin:+.3f}; "
        f"mean fold training {sum(result.train_seconds) / len(result.train_seconds):.0f} s; "
        f"report: {report}"
    )
    for name, part in result.parts.items():
        print(f"  {name}: {evaluate(result.gold, part).accuracy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
