"""Stratified fold assignment shared by the cross-validation and the baseline."""

from collections import Counter

import pytest

from bot.nlu_eval.folds import TRAIN_ONLY, split, stratified_folds


def test_every_label_is_spread_evenly_over_the_folds():
    labels = ["a"] * 10 + ["b"] * 7 + ["c"] * 3
    assignment = stratified_folds(labels, 5)
    for label in "abc":
        per_fold = Counter(f for f, lab in zip(assignment, labels, strict=True) if lab == label)
        assert max(per_fold.values()) - min(per_fold.get(f, 0) for f in range(5)) <= 1
    assert set(assignment) == set(range(5))


def test_assignment_is_deterministic_for_a_seed_and_changes_with_it():
    labels = [str(i % 4) for i in range(40)]
    assert stratified_folds(labels, 5, seed=1) == stratified_folds(labels, 5, seed=1)
    assert stratified_folds(labels, 5, seed=1) != stratified_folds(labels, 5, seed=2)


def test_train_only_labels_are_never_tested():
    labels = ["a"] * 5 + ["payload"] * 3
    assignment = stratified_folds(labels, 5, train_only={"payload"})
    assert assignment[5:] == [TRAIN_ONLY] * 3
    for fold in range(5):
        train, test = split(assignment, fold)
        assert {5, 6, 7} <= set(train)
        assert all(labels[i] == "a" for i in test)
        assert not set(train) & set(test)


def test_fewer_than_two_folds_is_refused():
    with pytest.raises(ValueError):
        stratified_folds(["a", "b"], 1)
