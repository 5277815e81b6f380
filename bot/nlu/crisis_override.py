"""Rasa NLU component that forces the `kriisi` intent when the crisis lexicon matches.

It runs after DIETClassifier and FallbackClassifier, so neither a confident wrong guess
nor a low-confidence fallback can hide a message about suicide or violence.
"""

from __future__ import annotations

from typing import Any

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

from bot.safety.crisis import CrisisDetector, default_detector

CRISIS_INTENT = "kriisi"
CRISIS_MATCH_KEY = "crisis_match"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisOverride(GraphComponent, IntentClassifier):
    """Overrides the predicted intent with `kriisi` on a lexicon match."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The intent to force; configurable only for tests of the component itself."""
        return {"intent": CRISIS_INTENT}

    def __init__(self, config: dict[str, Any], detector: CrisisDetector) -> None:
        self._intent = config.get("intent", CRISIS_INTENT)
        self._detector = detector

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisOverride:
        """Create the component with the packaged lexicon."""
        return cls(config, default_detector())

    def process(self, messages: list[Message]) -> list[Message]:
        """Force the crisis intent on every message that matches the lexicon."""
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            lemmas = [token.lemma or token.text for token in tokens]
            match = self._detector.detect(message.get(TEXT) or "", lemmas or None)
            if match is None:
                continue
            forced = {INTENT_NAME_KEY: self._intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                entry
                for entry in message.get(INTENT_RANKING_KEY) or []
                if entry.get(INTENT_NAME_KEY) != self._intent
            ]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
            message.set(
                CRISIS_MATCH_KEY,
                {"category": match.category, "source": match.source},
                add_to_output=True,
            )
        return messages
