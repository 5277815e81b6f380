"""Offline blend comparison: weights re-rank, fallback thresholds apply, accuracy is counted."""

import json

from bot.nlu_eval.blend_tuning import blended_label, load, main, score_weight, would_fall_back

CONFIDENT_DIET_WRONG = {"gold": "velka", "diet": {"toimeentulotuki": 0.9, "velka": 0.1},
                        "linear": {"velka": 0.95, "toimeentulotuki": 0.05}}
BOTH_UNSURE = {"gold": "tervehdys", "diet": {"tervehdys": 0.35, "hyvasti": 0.33},
               "linear": {"tervehdys": 0.36, "hyvasti": 0.34}}
CRISIS = {"gold": "kriisi", "diet": {"kriisi": 0.85, "velka": 0.15},
          "linear": {"velka": 0.9, "kriisi": 0.1}}


def test_weight_decides_between_the_models():
    assert blended_label(CONFIDENT_DIET_WRONG, 1.0) == "toimeentulotuki"
    assert blended_label(CONFIDENT_DIET_WRONG, 0.3) == "velka"


def test_low_or_ambiguous_tops_fall_back_but_keep_their_label():
    assert would_fall_back(BOTH_UNSURE, 0.5) and blended_label(BOTH_UNSURE, 0.5) == "tervehdys"
    assert not would_fall_back(CONFIDENT_DIET_WRONG, 0.3)


def test_crisis_keeps_diets_confidence_against_a_confident_linear_model():
    assert blended_label(CRISIS, 0.5) == "kriisi"  # velka would be 0.525, kriisi stays 0.85


def test_score_and_cli_table(tmp_path, capsys):
    examples = [CONFIDENT_DIET_WRONG, BOTH_UNSURE, CRISIS]
    score = score_weight(examples, 0.3)
    assert (round(score.accuracy, 3), score.fallbacks) == (1.0, 1)
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(json.dumps(e) for e in examples) + "\n", encoding="utf-8")
    assert len(load(dump)) == 3
    assert main([str(dump), "--step", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "| 0.50 |" in out and "| 1.00 | 0.667 |" in out
