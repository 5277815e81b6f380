"""Crisis tiers: the crisis answer, the gentle check-in, or nothing, from lexicon and classifier.

Pure logic shared by the Rasa component (bot/nlu/crisis_override.py) and the evaluation
(bot/nlu_eval/crisis_eval.py). Thresholds come from crisis_lexicon.yml (`thresholds`).
  1. lexicon hit, or `kriisi` >= high with no idiom  -> `kriisi` (the crisis answer first)
  2. `kriisi`/`kriisi_tarkistus` in the top N >= low with no idiom, or a distress cue
                                                      -> `kriisi_tarkistus` (the check-in)
  3. otherwise a crisis intent left on top is replaced by the next best intent or the fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

from bot.safety.crisis import LEXICON_PATH, CrisisDetector, CrisisMatch, default_detector, load_yaml

CRISIS_INTENT = "kriisi"
CHECK_IN_INTENT = "kriisi_tarkistus"
FALLBACK_INTENT = "nlu_fallback"
CRISIS_INTENTS = frozenset({CRISIS_INTENT, CHECK_IN_INTENT})


class Tier(str, Enum):
    """Which rule decided: the first two give the crisis answer, the third the check-in."""

    LEXICON = "lexicon"
    CLASSIFIER_HIGH = "classifier_high"
    CHECK_IN = "check_in"
    NONE = "none"


@dataclass(frozen=True)
class Thresholds:
    """Classifier thresholds of the tiers (see crisis_lexicon.yml)."""

    high: float
    low: float
    top_n: int
    fallback: float

    @classmethod
    def from_file(cls, path: Path = LEXICON_PATH) -> Thresholds:
        """The `thresholds` block of the lexicon file."""
        data = load_yaml(path)["thresholds"]
        return cls(
            high=float(data["high"]),
            low=float(data["low"]),
            top_n=int(data["top_n"]),
            fallback=float(data["fallback"]),
        )


@dataclass(frozen=True)
class Decision:
    """The tier, the intent to set (None keeps the classifier's), and why."""

    tier: Tier
    intent: str | None
    confidence: float
    reason: str
    match: CrisisMatch | None = None
    idiom: str | None = None
    ranking: tuple[tuple[str, float], ...] = field(default=())

    @property
    def crisis_answer(self) -> bool:
        """True when the message gets the full crisis answer."""
        return self.tier in (Tier.LEXICON, Tier.CLASSIFIER_HIGH)

    @property
    def caught(self) -> bool:
        """True when the message gets the crisis answer or the check-in."""
        return self.tier is not Tier.NONE


Ranking = Sequence[tuple[str, float]]


class CrisisTriage:
    """Decides the crisis tier of one message from its text, lemmas and intent ranking."""

    def __init__(self, detector: CrisisDetector, thresholds: Thresholds) -> None:
        self.detector = detector
        self.thresholds = thresholds

    def assess(
        self, text: str, ranking: Ranking = (), lemmas: Sequence[str] | None = None
    ) -> Decision:
        """The decision for a message; `ranking` is (intent, confidence), best first."""
        real = [(name, conf) for name, conf in ranking if name != FALLBACK_INTENT]
        match = self.detector.detect(text, lemmas)
        if match is not None:
            return Decision(Tier.LEXICON, CRISIS_INTENT, 1.0, f"lexicon:{match.category}", match)
        idiom = self.detector.idiom(text)
        scores = {name: conf for name, conf in real}
        crisis_score = scores.get(CRISIS_INTENT, 0.0)
        if idiom is None and crisis_score >= self.thresholds.high:
            return Decision(
                Tier.CLASSIFIER_HIGH, CRISIS_INTENT, crisis_score, f"classifier:{crisis_score:.2f}"
            )
        cue = self.detector.distress(text)
        if cue is not None:
            return Decision(Tier.CHECK_IN, CHECK_IN_INTENT, 1.0, "distress_cue", idiom=idiom)
        top = real[: self.thresholds.top_n]
        near = [(n, c) for n, c in top if n in CRISIS_INTENTS and c >= self.thresholds.low]
        if idiom is None and near:
            name, conf = near[0]
            return Decision(
                Tier.CHECK_IN, CHECK_IN_INTENT, 1.0, f"classifier_top:{name}:{conf:.2f}"
            )
        return self._without_crisis(real, idiom)

    def _without_crisis(self, real: Ranking, idiom: str | None) -> Decision:
        """No tier: a crisis intent on top gives way to the next best intent or the fallback."""
        if not real or real[0][0] not in CRISIS_INTENTS:
            return Decision(Tier.NONE, None, 0.0, "none", idiom=idiom)
        rest = [(n, c) for n, c in real if n not in CRISIS_INTENTS]
        removed = sum(c for n, c in real if n in CRISIS_INTENTS)
        scale = 1.0 / (1.0 - removed) if removed < 1.0 else 0.0
        renormalised = tuple((n, round(c * scale, 4)) for n, c in rest)
        reason = "idiom_veto" if idiom else "crisis_below_low"
        if renormalised and renormalised[0][1] >= self.thresholds.fallback:
            name, conf = renormalised[0]
            return Decision(Tier.NONE, name, conf, reason, idiom=idiom, ranking=renormalised)
        fallback = self.thresholds.fallback
        return Decision(
            Tier.NONE, FALLBACK_INTENT, fallback, reason, idiom=idiom, ranking=renormalised
        )


@lru_cache(maxsize=1)
def default_triage() -> CrisisTriage:
    """The triage built from the packaged lexicon, idioms and thresholds."""
    return CrisisTriage(default_detector(), Thresholds.from_file())
