"""The rule policy does not render a long conversation as the source of a "no rule" prediction.

When no rule applies, RulePolicy names the prediction's source by rendering the conversation's
states (all of them, in a long conversation) as sorted JSON, a cost that grows with every turn
and comes 2-3 times a turn. When serving, the source is only ever compared with the rules
that are not in stories (RULES_NOT_IN_STORIES, for `hide_rule_turn`): those keys are JSON lists
of states, and a rendering of more states than the longest of them cannot equal one. For such a
conversation the source is a fixed text that is not among them either, so every prediction is
the same. Before training has made that list (it is made from these sources), Rasa's own key is
used.
"""

from __future__ import annotations

import json
from typing import Any

from bot.runtime.patching import original, patch_once

LONG_CONVERSATION = "(no rule applies; conversation longer than any rule not in stories)"
# Rasa's constants (rule_policy.RULES_NOT_IN_STORIES, shared.core.constants.
# RULE_SNIPPET_ACTION_NAME and PREVIOUS_ACTION, shared.nlu.constants.ACTION_NAME); a test
# compares them.
RULES_NOT_IN_STORIES = "rules_not_in_stories"
RULE_SNIPPET_ACTION_NAME = "..."
PREVIOUS_ACTION, ACTION_NAME = "prev_action", "action_name"


def longest_rule(keys: list[str]) -> int:
    """The most states of any key that is a JSON list of states."""
    longest = 0
    for key in keys:
        if key.startswith("["):
            try:
                longest = max(longest, len(json.loads(key)))
            except ValueError:
                continue
    return longest


def states_in_key(states: list[dict[str, Any]]) -> int:
    """How many states Rasa's key renders: those after the last rule snippet state."""
    count = 0
    for state in reversed(states):
        if state.get(PREVIOUS_ACTION, {}).get(ACTION_NAME) == RULE_SNIPPET_ACTION_NAME:
            break
        count += 1
    return count


def feature_key(self: Any, states: list[dict[str, Any]]) -> Any:
    """`RulePolicy._create_feature_key`, not rendered when it cannot name a hidden rule."""
    from rasa.core.policies.rule_policy import RulePolicy

    hidden = self.lookup.get(RULES_NOT_IN_STORIES)
    if hidden is not None and LONG_CONVERSATION not in hidden:
        bound = self.__dict__.get("_longest_hidden_rule")
        if bound is None or bound[0] is not hidden or bound[1] != len(hidden):
            bound = self.__dict__["_longest_hidden_rule"] = (
                hidden, len(hidden), longest_rule(list(hidden)))
        if states_in_key(states) > bound[2]:
            return LONG_CONVERSATION
    return original(RulePolicy, "_create_feature_key")(self, states)


def install() -> None:
    """Replace RulePolicy._create_feature_key (idempotent)."""
    from rasa.core.policies.rule_policy import RulePolicy

    patch_once(RulePolicy, "_create_feature_key", feature_key)
