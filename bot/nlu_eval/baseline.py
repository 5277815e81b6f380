"""The linear baseline the NLU must beat: TF-IDF (char 2-5 wb + word 1-2) + logistic regression."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.nlu_eval.folds import TRAIN_ONLY, split


def baseline_model() -> Any:
    """An untrained scikit-learn pipeline (scikit-learn is installed in the Rasa environment)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), lowercase=True, sublinear_tf=True),
    )
    return make_pipeline(features, LogisticRegression(C=20.0, solver="liblinear"))


def crossval_predictions(
    texts: Sequence[str], labels: Sequence[str], assignment: Sequence[int]
) -> list[str]:
    """Out-of-fold prediction of every tested example ("" for train-only ones)."""
    predicted = [""] * len(texts)
    for fold in sorted(set(assignment) - {TRAIN_ONLY}):
        train, test = split(assignment, fold)
        model = baseline_model().fit([texts[i] for i in train], [labels[i] for i in train])
        for index, label in zip(test, model.predict([texts[i] for i in test]), strict=True):
            predicted[index] = str(label)
    return predicted
