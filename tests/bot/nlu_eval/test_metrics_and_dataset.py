"""Held-out evaluation helpers: YAML parsing, metrics and reports."""

import json

import pytest

from bot.nlu_eval.compare import comparison_table
from bot.nlu_eval.dataset import load_examples, parse_annotated
from bot.nlu_eval.metrics import as_report_dict, evaluate
from bot.nlu_eval.report import crossval_markdown, heldout_markdown


def test_entity_markup_is_stripped_and_collected():
    text, entities = parse_annotated(
        'asun [Järvenpäässä]{"entity": "kunta", "value": "Järvenpää"} nyt'
    )
    assert text == "asun Järvenpäässä nyt"
    assert entities == (("kunta", "Järvenpää"),)
    assert parse_annotated("[Tuusula](kunta)") == ("Tuusula", (("kunta", "Tuusula"),))


def test_load_examples_reads_intent_blocks_only(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: a\n  examples: |\n    - yksi\n    - kaksi\n'
        "- synonym: X\n  examples: |\n    - x\n",
        encoding="utf-8",
    )
    assert [(e.text, e.intent) for e in load_examples(path)] == [("yksi", "a"), ("kaksi", "a")]


def test_metrics_per_intent_and_confusions():
    gold = ["a", "a", "b", "kriisi"]
    pred = ["a", "b", "b", None]
    result = evaluate(gold, pred)
    assert result.accuracy == pytest.approx(0.5)
    by_name = {s.intent: s for s in result.scores}
    assert by_name["a"].recall == pytest.approx(0.5) and by_name["a"].precision == 1.0
    assert by_name["b"].precision == pytest.approx(0.5)
    assert by_name["b"].f1 == pytest.approx(2 / 3)
    assert result.recall_of["kriisi"] == 0.0
    assert ("a", "b", 1) in result.confusions


def test_metrics_refuse_mismatched_lengths():
    with pytest.raises(ValueError):
        evaluate(["a"], [])


def test_reports_render_key_figures():
    md = heldout_markdown(evaluate(["a", "b"], ["a", "a"]), 1.0, "m.tar.gz", ["`x`: b → a"])
    assert "accuracy: **0.500**" in md and "| b | a | 1 |" in md
    cv = crossval_markdown(
        {
            "a": {"precision": 1, "recall": 1, "f1-score": 1, "support": 3},
            "accuracy": 0.9,
            "macro avg": {"precision": 1, "recall": 1, "f1-score": 0.95, "support": 3},
        },
        5,
    )
    assert "accuracy: **0.900**" in cv and "macro avg F1: 0.950" in cv and "| a |" in cv


def test_report_dict_and_comparison_table(tmp_path):
    report = as_report_dict(evaluate(["a", "kriisi"], ["a", "kriisi"]))
    assert report["accuracy"] == 1.0 and report["macro avg"]["f1-score"] == 1.0
    run = tmp_path / "config"
    run.mkdir()
    (run / "result.json").write_text(json.dumps(report))
    (run / "seconds").write_text("12\n")
    table = comparison_table(tmp_path)
    assert "| config | 1.000 | | | 1.000 | 1.000 | 12 |" in table


def test_comparison_table_shows_baseline_margin_and_ensemble_parts(tmp_path):
    report = as_report_dict(evaluate(["a", "b", "a", "b"], ["a", "b", "a", "a"]))
    report.update(
        baseline_accuracy=0.5,
        margin=0.25,
        fold_train_seconds=[10.0, 20.0],
        part_accuracy={"DIET alone": 0.5},
    )
    (tmp_path / "ensemble").mkdir()
    (tmp_path / "ensemble" / "result.json").write_text(json.dumps(report))
    table = comparison_table(tmp_path)
    assert "| ensemble | 0.750 | 0.500 | +0.250 |" in table
    assert table.splitlines()[2].endswith("| 15 |")
    assert "| ensemble: DIET alone | 0.500 | 0.500 | +0.000 |" in table
