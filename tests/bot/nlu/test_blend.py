"""The ensemble's blend of DIET's ranking with the linear model's probabilities."""

import pytest

from bot.nlu.blend import blend


def test_blend_is_a_weighted_sum_best_first():
    ranking = blend({"a": 0.9, "b": 0.1}, {"a": 0.2, "b": 0.8}, 0.25)
    assert [n for n, _ in ranking] == ["b", "a"]
    assert dict(ranking) == pytest.approx({"a": 0.375, "b": 0.625})


def test_an_intent_missing_from_one_ranking_counts_as_zero():
    ranking = dict(blend({"a": 1.0}, {"a": 0.5, "c": 0.5}, 0.5))
    assert ranking == pytest.approx({"a": 0.75, "c": 0.25})


def test_weight_one_or_zero_returns_one_model_unchanged():
    diet, linear = {"a": 0.7, "b": 0.3}, {"a": 0.1, "b": 0.9}
    assert blend(diet, linear, 1.0)[0] == ("a", 0.7)
    assert blend(diet, linear, 0.0)[0] == ("b", 0.9)


def test_weight_outside_zero_one_is_refused():
    with pytest.raises(ValueError):
        blend({"a": 1.0}, {"a": 1.0}, 1.5)


def test_a_protected_intent_keeps_diets_own_confidence():
    diet, linear = {"kriisi": 0.9, "muu": 0.1}, {"kriisi": 0.2, "muu": 0.8}
    assert dict(blend(diet, linear, 0.5))["kriisi"] == pytest.approx(0.55)
    ranking = blend(diet, linear, 0.5, protected={"kriisi"})
    assert ranking[0] == ("kriisi", 0.9)
    assert dict(ranking)["muu"] == pytest.approx(0.45)
    low = dict(blend({"kriisi": 0.05, "muu": 0.95}, {"kriisi": 0.6, "muu": 0.4}, 0.5, {"kriisi"}))
    assert low["kriisi"] == 0.05
