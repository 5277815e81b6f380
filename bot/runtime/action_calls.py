"""Action-server calls whose size does not grow with the conversation or carry the domain.

Rasa 3.6 sends every custom-action call the whole tracker (every event of the conversation,
serialised again each time) and the whole domain (40 kB). Both cost CPU on both sides, and the
events make a turn slower the longer the conversation runs.

- Events: a call carries the last `EVENT_WINDOW` events. The slots as they stood where the
  window starts are put in front as `slot` events, so an action that looks back for a slot's
  earlier value (actions/slot_validation.py) finds the same value as in the full history. The
  tracker's own state (slots, latest message, active loop) is sent as before.
- Domain: a call carries `domain_digest` (the domain's fingerprint) instead of the domain, the
  protocol rasa-sdk 3.21 speaks: an action server that has not seen that digest answers 449, and
  the call is made again once with the domain, which the server then keeps.
"""

from __future__ import annotations

import contextvars
from typing import Any

EVENT_WINDOW = 120
DOMAIN_MISSING_STATUS = 449
_with_domain: contextvars.ContextVar[bool] = contextvars.ContextVar("with_domain", default=False)
_digests: dict[int, tuple[Any, str]] = {}


def recent_events(events: list[Any], window: int = EVENT_WINDOW) -> list[dict[str, Any]]:
    """The last `window` events as dicts, after the slot values that held where they start."""
    from rasa.shared.core.events import AllSlotsReset, Restarted, SlotSet

    start = max(0, len(events) - window)
    earlier: dict[str, Any] = {}
    for event in events[:start]:
        if isinstance(event, SlotSet):
            earlier[event.key] = event.value
        elif isinstance(event, (AllSlotsReset, Restarted)):
            earlier = dict.fromkeys(earlier)
    timestamp = events[start].timestamp if start < len(events) else None
    snapshot = [SlotSet(name, value, timestamp=timestamp) for name, value in earlier.items()]
    return [event.as_dict() for event in [*snapshot, *events[start:]]]


def domain_digest(domain: Any) -> str:
    """The domain's fingerprint, computed once per domain object."""
    cached = _digests.get(id(domain))
    if cached is None or cached[0] is not domain:
        cached = (domain, domain.fingerprint())
        _digests.clear()
        _digests[id(domain)] = cached
    return cached[1]


def action_call(action: Any, tracker: Any, domain: Any) -> dict[str, Any]:
    """The request body for the action server: recent events, the domain only when asked."""
    import rasa
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = recent_events(list(tracker.events))
    body: dict[str, Any] = {
        "next_action": action.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
        "domain_digest": domain_digest(domain),
    }
    if _with_domain.get():
        body["domain"] = domain.as_dict()
    return body


def _asked_for_domain(error: BaseException) -> bool:
    cause = error.__cause__
    return getattr(cause, "status", None) == DOMAIN_MISSING_STATUS


def install() -> None:
    """Make Rasa's RemoteAction send slim calls and answer a 449 with the domain (idempotent)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.exceptions import RasaException

    if getattr(RemoteAction, "_slim_calls", False):
        return
    run = RemoteAction.run

    async def run_with_domain_on_request(self, output_channel, nlg, tracker, domain):
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except RasaException as error:
            if not _asked_for_domain(error):
                raise
        token = _with_domain.set(True)
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        finally:
            _with_domain.reset(token)

    RemoteAction._action_call_format = action_call
    RemoteAction.run = run_with_domain_on_request
    RemoteAction._slim_calls = True
