"""Rasa NLU component that applies the crisis tiers (bot/safety/tiers.py) to every message.

It runs after DIETClassifier and FallbackClassifier, so neither a confident wrong guess
nor a low-confidence fallback can hide a message about suicide or violence:
a lexicon hit or a confident `kriisi` becomes `kriisi` (the crisis answer), a weaker crisis
signal or a distress cue becomes `kriisi_tarkistus` (the check-in), and an idiom ("tappaa
aikaa") vetoes a classifier-only `kriisi`.
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

from bot.safety.tiers import (
    CRISIS_INTENTS,
    FALLBACK_INTENT,
    CrisisTriage,
    Decision,
    Tier,
    default_triage,
)

# Parse-data keys for the actions: the lexicon match (as before) and the tier decision.
CRISIS_MATCH_KEY = "crisis_match"
CRISIS_TIER_KEY = "crisis_tier"


def _entry(name: str, confidence: float) -> dict[str, Any]:
    return {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisOverride(GraphComponent, IntentClassifier):
    """Sets `kriisi` / `kriisi_tarkistus` by the crisis tiers; removes vetoed crisis guesses."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options: thresholds live in bot/safety/crisis_lexicon.yml."""
        return {}

    def __init__(self, config: dict[str, Any], triage: CrisisTriage) -> None:
        self._triage = triage

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisOverride:
        """Create the component with the packaged lexicon, idioms and thresholds."""
        return cls(config, default_triage())

    def process(self, messages: list[Message]) -> list[Message]:
        """Apply the tier decision to every message."""
        for message in messages:
            text = message.get(TEXT) or ""
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            lemmas = [token.lemma or token.text for token in tokens]
            ranking = [
                (str(e.get(INTENT_NAME_KEY)), float(e.get(PREDICTED_CONFIDENCE_KEY) or 0.0))
                for e in message.get(INTENT_RANKING_KEY) or []
            ]
            decision = self._triage.assess(text, ranking, lemmas or None)
            if decision.intent is not None:
                self._apply(message, decision, ranking)
        return messages

    @staticmethod
    def _apply(message: Message, decision: Decision, ranking: list[tuple[str, float]]) -> None:
        """Set the decided intent first; drop crisis intents (and the fallback) from the rest."""
        forced = _entry(decision.intent or "", decision.confidence)
        rest = decision.ranking if decision.tier is Tier.NONE else ranking
        others = [
            _entry(n, c)
            for n, c in rest
            if n not in CRISIS_INTENTS and n not in (FALLBACK_INTENT, decision.intent)
        ]
        message.set(INTENT, forced, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
        tier = {"tier": decision.tier.value, "reason": decision.reason}
        message.set(CRISIS_TIER_KEY, tier, add_to_output=True)
        if decision.match is not None:
            match = {"category": decision.match.category, "source": decision.match.source}
            message.set(CRISIS_MATCH_KEY, match, add_to_output=True)
