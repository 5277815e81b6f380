"""Rasa NLU component that blends DIET's intent ranking with a linear model's probabilities.

Place it right after DIETClassifier (before FallbackClassifier). It trains its own logistic
regression on weighted TF-IDF blocks (`LinearIntentModel.BLOCKS`: characters of the text within and
across word boundaries, words, spaCy lemmas and their characters with ä/ö folded) and the spaCy
sentence vector, and sets the intent to the argmax of
`diet_weight * DIET + (1 - diet_weight) * linear`. DIET and the linear model make different
mistakes (DIET generalises over word vectors, the linear model sticks to surface forms), so the
blend is more accurate than either; the comparison is in README.md ("Evaluation").
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.blend import blend

logger = logging.getLogger(__name__)

MODEL_FILE = "linear_intent_model.joblib"
SOURCES_KEY = "intent_sources"


def _lemmas(message: Message) -> str:
    """The spaCy lemmas, or the plain text when the message has no tokens."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    if not tokens:
        return (message.get(TEXT) or "").lower()
    return " ".join((t.lemma or t.text).lower() for t in tokens)


def _sentence_vector(message: Message) -> np.ndarray | None:
    _, sentence = message.get_dense_features(TEXT)
    if sentence is None:
        return None
    vector = np.asarray(sentence.features, dtype=float).reshape(-1)
    norm = np.linalg.norm(vector)
    return vector / norm if norm > 0 else vector


_FOLD_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "å": "a"})


def fold_umlauts(text: str) -> str:
    """Lower case with ä/ö/å as a/o/a, so that "häätö" and "haato" look alike."""
    return text.lower().translate(_FOLD_UMLAUTS)


class LinearIntentModel:
    """Weighted TF-IDF blocks and the sentence vector, fed to a logistic regression."""

    # block -> (analyzer, n-gram range, input, weight). Chosen by 5-fold cross-validation on the
    # DIET rankings of `crossval --dump` (README "Evaluation"): words and lemmas at full weight
    # let the regression lean on whole words; down-weighted, the character blocks generalise
    # over inflection and typos. "text" is the lower-cased message, "folded_lemmas" the lemmas
    # with ä/ö folded (missing umlauts are the commonest typo).
    BLOCKS: dict[str, tuple[str, tuple[int, int], str, float]] = {
        "char": ("char_wb", (2, 5), "text", 1.0),
        "word": ("word", (1, 2), "text", 0.5),
        "lemma": ("lemma", (1, 1), "lemmas", 0.25),
        "lemma_char": ("char_wb", (2, 5), "folded_lemmas", 1.0),
        "char_across": ("char", (3, 6), "text", 1.0),
    }

    def __init__(self, c: float, vector_weight: float) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizers = {}
        for name, (analyzer, ngrams, _, _) in self.BLOCKS.items():
            if analyzer == "lemma":  # lemmas are joined by spaces: each is one token
                self.vectorizers[name] = TfidfVectorizer(
                    analyzer="word", token_pattern=r"\S+", sublinear_tf=True)
            else:
                self.vectorizers[name] = TfidfVectorizer(
                    analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True)
        self.vector_weight = vector_weight
        self.classifier = LogisticRegression(C=c, solver="liblinear")

    def matrix(self, texts: list[str], lemmas: list[str], vectors: list[np.ndarray | None],
               fit: bool) -> Any:
        """Feature matrix of plain inputs (also used by the offline tuning, without Rasa)."""
        from scipy.sparse import csr_matrix, hstack

        inputs = {"text": [t.lower() for t in texts], "lemmas": lemmas,
                  "folded_lemmas": [fold_umlauts(lemma) for lemma in lemmas]}
        blocks = []
        for name, (_, _, column, weight) in self.BLOCKS.items():
            vectorizer = self.vectorizers[name]
            values = inputs[column]
            block = vectorizer.fit_transform(values) if fit else vectorizer.transform(values)
            blocks.append(block * weight)
        if self.vector_weight > 0 and all(v is not None for v in vectors):
            blocks.append(csr_matrix(np.vstack(vectors) * self.vector_weight))
        return hstack(blocks).tocsr()

    def _matrix(self, messages: list[Message], fit: bool) -> Any:
        texts = [m.get(TEXT) or "" for m in messages]
        vectors = [_sentence_vector(m) for m in messages]
        return self.matrix(texts, [_lemmas(m) for m in messages], vectors, fit)

    def fit(self, messages: list[Message], labels: list[str]) -> LinearIntentModel:
        """Fit vectorizers and classifier on the training messages."""
        self.classifier.fit(self._matrix(messages, fit=True), labels)
        return self

    def probabilities(self, messages: list[Message]) -> list[dict[str, float]]:
        """Per message, the probability of every intent (summing to 1)."""
        if len(messages) == 1:  # a chat turn: without sparse matrices, several times faster
            message = messages[0]
            return [self.distribution(message.get(TEXT) or "", _lemmas(message),
                                      _sentence_vector(message))]
        return self.distributions(self._matrix(messages, fit=False))

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_lookup"}

    def _lookups(self) -> tuple[list[tuple[Any, ...]], int, np.ndarray, np.ndarray, list[str]]:
        """Per block its analyzer, vocabulary, idf and first column; the weights by feature."""
        found = self.__dict__.get("_lookup")
        if found is None:
            blocks, offset = [], 0
            for name, (_, _, column, weight) in self.BLOCKS.items():
                vectorizer = self.vectorizers[name]
                blocks.append((column, weight, vectorizer.build_analyzer(),
                               vectorizer.vocabulary_, vectorizer.idf_, offset))
                offset += len(vectorizer.idf_)
            coef = np.ascontiguousarray(self.classifier.coef_.T)  # features x classes
            names = [str(c) for c in self.classifier.classes_]
            found = self.__dict__["_lookup"] = (
                blocks, offset, coef, np.asarray(self.classifier.intercept_), names)
        return found

    def distribution(self, text: str, lemmas: str, vector: np.ndarray | None) -> dict[str, float]:
        """`distributions(matrix([text], [lemmas], [vector]))[0]`, computed term by term.

        The same TF-IDF (sublinear counts, l2 per block, block weights) and the same one-vs-rest
        logistic probabilities as scikit-learn's transform and predict_proba; a test holds the
        two equal on every held-out message.
        """
        from collections import Counter

        from scipy.special import expit

        blocks, vector_start, coef, intercept, names = self._lookups()
        inputs = {"text": text.lower(), "lemmas": lemmas, "folded_lemmas": fold_umlauts(lemmas)}
        decision = intercept.astype(float).copy()
        for column, weight, analyze, vocabulary, idf, offset in blocks:
            counts = Counter(term for term in analyze(inputs[column]) if term in vocabulary)
            if not counts:
                continue
            index = np.fromiter((vocabulary[term] for term in counts), dtype=np.int64,
                                count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=float,
                                               count=len(counts)))) * idf[index]
            values *= weight / np.linalg.norm(values)
            decision += values @ coef[index + offset]
        if self.vector_weight > 0 and vector is not None and coef.shape[0] > vector_start:
            decision += (vector * self.vector_weight) @ coef[vector_start:]
        probabilities = expit(decision)
        if probabilities.ndim == 1 and len(names) == 2 and len(intercept) == 1:
            probabilities = np.array([1.0 - probabilities[0], probabilities[0]])
        else:
            probabilities /= probabilities.sum()
        return dict(zip(names, map(float, probabilities), strict=True))

    def distributions(self, matrix: Any) -> list[dict[str, float]]:
        """Per row of a feature matrix, the probability of every intent."""
        rows = self.classifier.predict_proba(matrix)
        names = [str(c) for c in self.classifier.classes_]
        return [dict(zip(names, map(float, row), strict=True)) for row in rows]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class DietLinearEnsemble(GraphComponent, IntentClassifier):
    """Re-ranks DIET's intents with a logistic regression's probabilities."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Blend weight of DIET, the regression's C, the sentence vector's weight, ranking size."""
        return {
            "diet_weight": 0.3,
            "C": 20.0,
            "vector_weight": 1.0,
            "ranking_length": 10,
            # Intents that keep DIET's own score (the crisis tiers' thresholds are set on it).
            "protected_intents": ["kriisi", "kriisi_tarkistus"],
            # Evaluation only: also output each model's own top intent (SOURCES_KEY).
            "report_sources": False,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LinearIntentModel | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DietLinearEnsemble:
        """An untrained component."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the linear model on the intent examples and store it in the model archive."""
        import joblib

        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            return self._resource
        model = LinearIntentModel(float(self._config["C"]), float(self._config["vector_weight"]))
        self._model = model.fit(examples, [str(e.get(INTENT)) for e in examples])
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> DietLinearEnsemble:
        """Load the linear model this project trained (the archive is our own artefact)."""
        import joblib

        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("no trained linear model: passing DIET's ranking through")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace intent and ranking by the blend of DIET's ranking and the linear model."""
        if self._model is None or not messages:
            return messages
        weight = float(self._config["diet_weight"])
        length = int(self._config["ranking_length"])
        protected = tuple(self._config["protected_intents"])
        for message, linear in zip(messages, self._model.probabilities(messages), strict=True):
            diet = {
                str(e.get(INTENT_NAME_KEY)): float(e.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
                for e in message.get(INTENT_RANKING_KEY) or []
            }
            ranking = blend(diet, linear, weight if diet else 0.0, protected)[:length]
            entries = [{INTENT_NAME_KEY: n, PREDICTED_CONFIDENCE_KEY: c} for n, c in ranking]
            message.set(INTENT, entries[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, entries, add_to_output=True)
            if self._config["report_sources"]:
                sources = {
                    "diet": max(diet, key=lambda name: diet[name], default=""),
                    "linear": max(linear, key=lambda name: linear[name]),
                    # Both distributions, so that blends can be compared offline (blend_tuning).
                    "diet_ranking": diet,
                    "linear_probabilities": {n: round(p, 5) for n, p in linear.items()},
                }
                message.set(SOURCES_KEY, sources, add_to_output=True)
        return messages
