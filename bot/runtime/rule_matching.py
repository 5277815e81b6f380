"""The rule policy compares a conversation with its rules once per distinct rule state.

RulePolicy._get_possible_keys walks back through every state of the conversation and keeps the
rules that still apply there. Two costs went with it, both paid 2-3 times a turn:

- A rule is always applicable at a turn further back than its own length, so once the walk has
  passed the longest remaining rule, no rule can drop out: the rest of the walk grew with the
  conversation and changed nothing. It now stops there.
- Each rule was checked on its own, its key parsed from JSON again for every check (the
  policy's cache of parsed keys holds 1,000, fewer than this bot's rules). Many rules share
  their state at a given step back (the same intent, the same previous action), and whether a
  rule state matches a conversation state depends on nothing else, so each distinct rule state
  is now checked once per step, with Rasa's own comparison of states. Most rule states name
  the previous action or the intent they need: one that names another than the conversation's
  cannot match (Rasa's comparison returns False on the first such difference), so it is not
  compared further.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from bot.runtime.patching import patch_once

PREVIOUS_ACTION = "prev_action"  # rasa.shared.core.constants.PREVIOUS_ACTION
SHOULD_NOT_BE_SET = "should_not_be_set"  # rasa.shared.core.constants.SHOULD_NOT_BE_SET
# The features a rule state most often requires: (sub-state, key).
REQUIRED_FEATURES = ((PREVIOUS_ACTION, "action_name"), ("user", "intent"))


def required_values(state: dict[str, Any]) -> tuple[Any, ...]:
    """Per REQUIRED_FEATURES, the value a matching conversation state must have, or None."""
    found = []
    for sub_state, key in REQUIRED_FEATURES:
        value = state.get(sub_state, {}).get(key)
        found.append(value if value and value != SHOULD_NOT_BE_SET and isinstance(value, str)
                     else None)
    return tuple(found)


def present_values(state: dict[str, Any]) -> tuple[Any, ...]:
    """Per REQUIRED_FEATURES, the conversation state's value."""
    return tuple(state.get(sub_state, {}).get(key) for sub_state, key in REQUIRED_FEATURES)


def cannot_match(required: tuple[Any, ...], present: tuple[Any, ...]) -> bool:
    """Whether a required value differs from the present one."""
    pairs = zip(required, present, strict=True)
    return any(need is not None and need != have for need, have in pairs)


class RuleTable:
    """A lookup's rules as indexes of distinct states, newest state first.

    The first step back compares every rule, so its rule states are also indexed by the values
    they require: only those a conversation state can match are compared.
    """

    def __init__(self, policy: Any, lookup: dict[str, str]) -> None:
        self.lookup = lookup  # kept: the table is only valid for this very dict
        self.states: list[dict[str, Any]] = []
        self.required: list[tuple[Any, ...]] = []  # () for a rule state without prev. action
        ids: dict[str, int] = {}
        self.reversed_ids: dict[str, list[int]] = {}
        for key in lookup:
            row = []
            for state in reversed(policy._rule_key_to_state(key)):
                text = json.dumps(state, sort_keys=True)
                if text not in ids:
                    ids[text] = len(self.states)
                    self.states.append(state)
                    self.required.append(required_values(state)
                                         if state.get(PREVIOUS_ACTION) else ())
                row.append(ids[text])
            self.reversed_ids[key] = row
        self.without_states = {key for key, row in self.reversed_ids.items() if not row}
        self.first_keys: dict[int, list[str]] = {}
        for key, row in self.reversed_ids.items():
            if row:
                self.first_keys.setdefault(row[0], []).append(key)
        self.first_by_required: dict[tuple[Any, ...], list[int]] = {}
        for state_id in self.first_keys:
            self.first_by_required.setdefault(self.required[state_id], []).append(state_id)

    def first_candidates(self, state: dict[str, Any]) -> list[int]:
        """The first-step rule states that can match `state`, as distinct state ids."""
        if not state.get(PREVIOUS_ACTION):
            return list(self.first_keys)
        present = present_values(state)
        if not all(value is None or isinstance(value, str) for value in present):
            return list(self.first_keys)
        patterns = set(itertools.product(*((None, value) for value in present)))
        candidates = list(self.first_by_required.get((), ()))
        for pattern in patterns:
            candidates.extend(self.first_by_required.get(pattern, ()))
        return candidates


def state_applies(policy: Any, rule_state: dict[str, Any], state: dict[str, Any]) -> bool:
    """RulePolicy._is_rule_applicable for a step within the rule's length."""
    current_previous_action = state.get(PREVIOUS_ACTION)
    rule_previous_action = rule_state.get(PREVIOUS_ACTION)
    if not rule_previous_action and not current_previous_action:
        return True
    if not rule_previous_action or not current_previous_action:
        return False
    return bool(policy._does_rule_match_state(rule_state, state))


def rule_table(policy: Any, lookup: dict[str, str]) -> RuleTable:
    """The policy's table for this lookup, built on first use."""
    tables = policy.__dict__.setdefault("_rule_tables", {})
    table = tables.get(id(lookup))
    if table is None or table.lookup is not lookup or len(table.reversed_ids) != len(lookup):
        table = tables[id(lookup)] = RuleTable(policy, lookup)
    return table


def first_step_keys(policy: Any, table: RuleTable, state: dict[str, Any]) -> set[str]:
    """The rules that apply at the newest state: those of the matching candidates."""
    keys = set(table.without_states)
    for state_id in table.first_candidates(state):
        if state_applies(policy, table.states[state_id], state):
            keys.update(table.first_keys[state_id])
    return keys


def possible_keys(self: Any, lookup: dict[str, str], states: list[dict[str, Any]]) -> set[str]:
    """`RulePolicy._get_possible_keys`: each distinct rule state checked once per step back."""
    table = rule_table(self, lookup)
    if not states:
        return set(lookup)
    rows = table.reversed_ids
    keys = first_step_keys(self, table, states[-1])
    for turn_index in range(1, len(states)):
        longest = max((len(rows[key]) for key in keys), default=0)
        if turn_index >= longest:
            break
        state = states[-1 - turn_index]
        # A rule state's required values only decide when both states have a previous action
        # (otherwise Rasa's check is about conversation starts).
        present = present_values(state) if state.get(PREVIOUS_ACTION) else None
        verdicts: dict[int, bool] = {}
        kept = set()
        for key in keys:
            row = rows[key]
            if turn_index >= len(row):
                kept.add(key)
                continue
            state_id = row[turn_index]
            verdict = verdicts.get(state_id)
            if verdict is None:
                required = table.required[state_id]
                if present is not None and required and cannot_match(required, present):
                    verdict = verdicts[state_id] = False
                else:
                    verdict = verdicts[state_id] = state_applies(
                        self, table.states[state_id], state)
            if verdict:
                kept.add(key)
        keys = kept
    return keys


def install() -> None:
    """Replace RulePolicy._get_possible_keys (idempotent)."""
    from rasa.core.policies.rule_policy import RulePolicy

    patch_once(RulePolicy, "_get_possible_keys", possible_keys)
