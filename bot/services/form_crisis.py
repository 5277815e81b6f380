"""Inside a form: does a crisis-classified message interrupt it, or is it simply the answer?

A button label such as "Epätodennäköistä" or a short typed answer can be classified `kriisi`
without any crisis words in it. Such a message is taken as the answer when it parses as one; a
lexicon hit, or a crisis message that answers nothing, gets the crisis answer first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The crisis tiers' intents (bot/safety/tiers.py) and what a form says for them before it asks
# again: the crisis answer, or the gentle check-in worded for a form.
CRISIS_ANSWER = "utter_kriisi"
CRISIS_RESPONSES = {"kriisi": CRISIS_ANSWER, "kriisi_tarkistus": "utter_kriisi_tarkistus_lomake"}
# Parse-data key that bot.nlu.crisis_override.CrisisOverride adds when the lexicon fired.
CRISIS_MATCH_KEY = "crisis_match"


def lexicon_hit(latest_message: Mapping[str, Any]) -> bool:
    """True when the crisis lexicon (not only the classifier) recognised the message."""
    return bool(latest_message.get(CRISIS_MATCH_KEY))


def few_words(text: str, limit: int = 2) -> bool:
    """True for a short message ("Tuusula", "huomenna aamulla"): it can only be an answer."""
    return 0 < len(text.split()) <= limit


def crisis_response(latest_message: Mapping[str, Any], understood: bool) -> str | None:
    """The response to give before the question is asked again; None when it is the answer."""
    intent = (latest_message.get("intent") or {}).get("name")
    response = CRISIS_RESPONSES.get(str(intent))
    if response is None:
        return None
    if lexicon_hit(latest_message) or not understood:
        return response
    return None
