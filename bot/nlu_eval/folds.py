"""Stratified k-fold assignment shared by the Rasa cross-validation and the linear baseline."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Sequence

TRAIN_ONLY = -1


def stratified_folds(
    labels: Sequence[str], folds: int, seed: int = 42, train_only: Collection[str] = ()
) -> list[int]:
    """A fold number (0..folds-1) per example, each label spread evenly over the folds.

    Examples of a `train_only` label get TRAIN_ONLY: they are in every training part, never tested.
    """
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    by_label: dict[str, list[int]] = defaultdict(list)
    assignment = [TRAIN_ONLY] * len(labels)
    for index, label in enumerate(labels):
        if label not in train_only:
            by_label[label].append(index)
    rng = random.Random(seed)
    offset = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for position, index in enumerate(indices):
            assignment[index] = (position + offset) % folds
        # Rotate the start so that small labels do not all fill fold 0 first.
        offset += len(indices)
    return assignment


def split(assignment: Sequence[int], fold: int) -> tuple[list[int], list[int]]:
    """Indices of the training part and of the test part of one fold."""
    train = [i for i, f in enumerate(assignment) if f != fold]
    test = [i for i, f in enumerate(assignment) if f == fold]
    return train, test
