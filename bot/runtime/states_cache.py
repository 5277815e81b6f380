"""Dialogue states computed once per event, not once per policy call (Rasa environment only).

Rasa 3.6 turns a conversation into states for the policies by replaying EVERY event of the
session (`Domain.states_for_tracker_history`), for each policy and each action it predicts:
about nine full replays a turn, the largest cost of a long conversation's turn. The states of
a prefix of events never change, so this remembers, per conversation, the replay so far: the
replayed tracker, the states up to the last event and the loop's two flags. A later call whose
applied events start with the very same event objects (the tracker store hands the same
tracker back, bot/runtime/tracker_cache.py) replays only the new events. Any other history
(undone events, another tracker) is computed in full, as Rasa does. The loop body is Rasa's.
The list of applied events (the session without undone events) is kept the same way.
Callers get copies of the states' top level and "user" part, the ones Rasa's featurizer
changes in place (tracker_featurizers._choose_last_user_input, _remove_user_text_if_intent).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)

from bot.runtime.patching import patch_once

MAX_ENTRIES = 600  # conversations x the policies' flag combinations
IDLE_S = 3600.0  # replays hold message texts: gone an hour after their last use


@dataclass
class _Replay:
    """Where one conversation's replay stopped (before the final, always fresh, state)."""

    replayed: Any
    events: list[Any] = field(default_factory=list)
    states: list[dict[str, Any]] = field(default_factory=list)
    last_ml_action: Any = None
    turn_was_hidden: bool = False
    used_at: float = 0.0


@dataclass
class _Applied:
    """A tracker's events seen so far and the applied events (w/o undone ones) among them."""

    seen: list[Any]
    loop_names: set[str]
    applied: list[Any] = field(default_factory=list)
    used_at: float = 0.0


_replays: OrderedDict[Hashable, _Replay] = OrderedDict()
_applied: OrderedDict[Hashable, _Applied] = OrderedDict()


def _apply(tracker: Any, event: Any, applied: list[Any], loop_names: set[str]) -> None:
    """Rasa's DialogueStateTracker.applied_events loop body, for one event."""
    if isinstance(event, Restarted | SessionStarted):
        applied.clear()
    elif isinstance(event, ActionReverted):
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        tracker._undo_till_previous(UserUttered, applied)
        tracker._undo_till_previous(ActionExecuted, applied)
    elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
          and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)):
        tracker._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)


def _loop_names(events: Any) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def applied_events(tracker: Any) -> list[Any]:
    """tracker.applied_events(), going on from the last call while only events were added.

    Rasa's result depends on the names of every loop in the conversation, so a new loop name
    among the added events means a full pass.
    """
    key = (tracker.sender_id, tracker.is_rule_tracker)
    events = tracker.events
    entry = _applied.pop(key, None)
    added: list[Any] = []
    if entry is not None and _is_prefix(entry.seen, events):
        added = list(events)[len(entry.seen):]
        if not _loop_names(added) <= entry.loop_names:
            entry = None
    else:
        entry = None
    if entry is None:
        entry = _Applied([], _loop_names(events))
        added = list(events)
    for event in added:
        _apply(tracker, event, entry.applied, entry.loop_names)
    entry.seen.extend(added)
    _keep(_applied, key, entry)
    return list(entry.applied)


def _keep(entries: OrderedDict[Hashable, Any], key: Hashable, entry: Any) -> None:
    """Store as most recent; drop entries over the limit or idle too long."""
    now = time.monotonic()
    entry.used_at = now
    entries[key] = entry
    while entries and (len(entries) > MAX_ENTRIES
                       or now - next(iter(entries.values())).used_at > IDLE_S):
        entries.popitem(last=False)


def _step(domain: Any, replay: _Replay, tracker: Any, hide_rule_turn: bool,
          omit_unset_slots: bool, ignore_rule_only_turns: bool,
          rule_only_data: dict[str, Any] | None) -> dict[str, Any] | None:
    """Rasa's loop body for one prior tracker: its state, or None for a hidden turn."""
    if ignore_rule_only_turns:
        if not replay.turn_was_hidden:
            replay.last_ml_action = domain._get_prev_action_sub_state(tracker)
        if not tracker.followup_action and tracker.latest_action_name != \
                tracker.active_loop_name:
            replay.turn_was_hidden = hide_rule_turn
        if replay.turn_was_hidden:
            return None
    state = domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if replay.states:
            domain._substitute_rule_only_user_input(state, replay.states[-1])
        if replay.last_ml_action:
            state[PREVIOUS_ACTION] = replay.last_ml_action
    return domain._clean_state(state)


def _is_prefix(known: list[Any], events: Any) -> bool:
    return len(known) <= len(events) and all(a is b for a, b in zip(known, events, strict=False))


def _copy(state: dict[str, Any]) -> dict[str, Any]:
    copied = dict(state)
    if USER in copied:
        copied[USER] = dict(copied[USER])
    return copied


def states_for_tracker_history(domain: Any, tracker: Any, omit_unset_slots: bool = False,
                               ignore_rule_only_turns: bool = False,
                               rule_only_data: dict[str, Any] | None = None) -> list[Any]:
    """The same states as Rasa's method, replaying only events not seen before."""
    key = (id(domain), tracker.sender_id, tracker.is_rule_tracker, omit_unset_slots,
           ignore_rule_only_turns, repr(sorted((rule_only_data or {}).items())))
    events = applied_events(tracker)
    replay = _replays.pop(key, None)
    if replay is None or not _is_prefix(replay.events, events):
        replay = _Replay(tracker.init_copy())
    flags = (omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    for event in events[len(replay.events):]:
        if isinstance(event, ActionExecuted):
            state = _step(domain, replay, replay.replayed, event.hide_rule_turn, *flags)
            if state is not None:
                replay.states.append(state)
        replay.replayed.update(event)
        replay.events.append(event)
    # The state after the last event changes with the next event: computed, never kept.
    hidden, last_ml_action = replay.turn_was_hidden, replay.last_ml_action
    final = _step(domain, replay, replay.replayed, False, *flags)
    replay.turn_was_hidden, replay.last_ml_action = hidden, last_ml_action
    result = [_copy(state) for state in replay.states]
    if final is not None:
        result.append(_copy(final))  # it may share a part with the kept state before it
    _keep(_replays, key, replay)
    return result


def install() -> None:
    """Replace Domain.states_for_tracker_history (idempotent)."""
    from rasa.shared.core.domain import Domain

    patch_once(Domain, "states_for_tracker_history", states_for_tracker_history)


def install_applied_events() -> None:
    """Make DialogueStateTracker.applied_events incremental too (idempotent).

    Rasa asks for the applied events outside the policies as well, e.g. for the last user
    message when it checks whether the session expired: a full replay of the session each time.
    """
    from rasa.shared.core.trackers import DialogueStateTracker

    patch_once(DialogueStateTracker, "applied_events", applied_events)


def clear() -> None:
    """Forget every replay (tests)."""
    _replays.clear()
    _applied.clear()
