"""Blending two intent distributions (pure Python, so the app environment can test it)."""

from __future__ import annotations

from collections.abc import Collection, Mapping


def blend(
    diet: Mapping[str, float],
    linear: Mapping[str, float],
    diet_weight: float,
    protected: Collection[str] = (),
) -> list[tuple[str, float]]:
    """Weighted sum of the two distributions, best first (missing intents count as 0).

    A `protected` intent (the crisis intents) keeps DIET's own confidence, neither raised nor
    lowered: the crisis tiers' thresholds (bot/safety/crisis_lexicon.yml) were set on DIET's.
    """
    if not 0.0 <= diet_weight <= 1.0:
        raise ValueError("diet_weight must be between 0 and 1")
    names = set(diet) | set(linear)
    scores = {
        n: diet_weight * diet.get(n, 0.0) + (1.0 - diet_weight) * linear.get(n, 0.0) for n in names
    }
    for name in protected:
        if name in scores:
            scores[name] = diet.get(name, 0.0)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
