"""A tracker copy without replaying the conversation (Rasa environment only).

Rasa 3.6 copies the tracker before running each action of a turn (`MessageProcessor._run_action`,
so that a rejected action's events can be dropped), and `DialogueStateTracker.copy` builds the
copy by replaying every event of the conversation: the largest cost of a long conversation's
turn (14 % of Rasa's time at turn 400). The state a replay rebuilds is the tracker's attributes,
so this copies them: the same event objects in a new deque, a copy of each slot, of the active
loop and of the latest action. A test compares it with Rasa's copy after every event of every
story and rule, and checks that changing the copy leaves the original as it was.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.runtime.patching import patch_once


def copy_without_replay(tracker: Any) -> Any:
    """`tracker.copy()`, the same state without replaying its events."""
    twin = copy.copy(tracker)
    twin.events = deque(tracker.events, tracker._max_event_history)
    slots = type(tracker.slots)()
    for name, slot in tracker.slots.items():
        slots[name] = copy.copy(slot)
    twin.slots = slots
    twin.active_loop = dataclasses.replace(tracker.active_loop) if tracker.active_loop else None
    latest = tracker.latest_action
    twin.latest_action = dict(latest) if latest is not None else None
    return twin


def install() -> None:
    """Replace DialogueStateTracker.copy (idempotent); subclasses keep Rasa's own copy."""
    from rasa.shared.core.trackers import DialogueStateTracker

    def for_exact_trackers(replay: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def copy_tracker(tracker: Any) -> Any:
            # Training's TrackerWithCachedStates holds more state than these attributes.
            if type(tracker) is DialogueStateTracker:
                return copy_without_replay(tracker)
            return replay(tracker)
        return copy_tracker

    patch_once(DialogueStateTracker, "copy", for_exact_trackers, wraps=True)
