"""The rule policy stops comparing a conversation with its rules where the rules end.

RulePolicy._get_possible_keys walks back through every state of the conversation and keeps the
rules that still apply there. A rule is always applicable at a turn further back than its own
length, so once the walk has passed the longest remaining rule, no rule can drop out: the rest
of the walk only costs time, and more of it the longer the conversation (2-3 times a turn).
"""

from __future__ import annotations

from typing import Any

from bot.runtime.patching import patch_once


def possible_keys(self: Any, lookup: dict[str, str], states: list[dict[str, Any]]) -> set[str]:
    """`RulePolicy._get_possible_keys`, ending the walk after the longest remaining rule."""
    lengths = self.__dict__.setdefault("_rule_lengths", {})
    keys = set(lookup)
    longest = 0
    for key in keys:
        length = lengths.get(key)
        if length is None:
            length = lengths[key] = len(self._rule_key_to_state(key))
        longest = max(longest, length)
    for turn_index, state in enumerate(reversed(states)):
        if turn_index >= longest or not keys:
            break
        keys = {key for key in keys if self._is_rule_applicable(key, turn_index, state)}
        longest = max((lengths[key] for key in keys), default=0)
    return keys


def install() -> None:
    """Replace RulePolicy._get_possible_keys (idempotent)."""
    from rasa.core.policies.rule_policy import RulePolicy

    patch_once(RulePolicy, "_get_possible_keys", possible_keys)
