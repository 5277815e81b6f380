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
- JSON: an event does not change once it is in the conversation, so its dict and JSON text are
  made once (`EncodedEvents`) and the request body is joined from them, not encoded again on
  every call (encoding the window was a tenth of a turn's CPU).
"""

from __future__ import annotations

import contextvars
import json
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from bot.runtime.patching import patch_once

EVENT_WINDOW = 120
ENCODED_EVENTS_MAX = 20_000
ENCODED_EVENTS_IDLE_S = 3600.0  # they hold message texts: gone an hour after their last use
DOMAIN_MISSING_STATUS = 449
_with_domain: contextvars.ContextVar[bool] = contextvars.ContextVar("with_domain", default=False)
_digests: dict[int, tuple[Any, str]] = {}


class EncodedEvents:
    """Each event's dict and JSON text, made once per event object and kept while in use."""

    def __init__(self, max_entries: int = ENCODED_EVENTS_MAX,
                 idle_s: float = ENCODED_EVENTS_IDLE_S) -> None:
        self.max_entries = max_entries
        self.idle_s = idle_s
        self._entries: OrderedDict[int, list[Any]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, event: Any) -> tuple[dict[str, Any], str]:
        """The event's `as_dict()` and its JSON text."""
        now = time.monotonic()
        entry = self._entries.get(id(event))
        if entry is None or entry[0] is not event:
            as_dict = event.as_dict()
            entry = self._entries[id(event)] = [event, as_dict, json.dumps(as_dict), now]
        entry[3] = now
        self._entries.move_to_end(id(event))
        self._forget_old(now)
        return entry[1], entry[2]

    def _forget_old(self, now: float) -> None:
        while self._entries:
            oldest = next(iter(self._entries.values()))
            if len(self._entries) <= self.max_entries and now - oldest[3] < self.idle_s:
                break
            self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every encoding (tests)."""
        self._entries.clear()


encoded_events = EncodedEvents()


class EncodedBody(dict):
    """A request body that also carries its JSON text, so it is not encoded again."""

    encoded: str = ""


def window_start(events: list[Any], window: int = EVENT_WINDOW) -> int:
    """Where the last `window` events begin."""
    return max(0, len(events) - window)


def slots_before(events: list[Any], start: int) -> list[Any]:
    """`slot` events for the values the slots had just before `events[start]`."""
    from rasa.shared.core.events import AllSlotsReset, Restarted, SlotSet

    earlier: dict[str, Any] = {}
    for event in events[:start]:
        if isinstance(event, SlotSet):
            earlier[event.key] = event.value
        elif isinstance(event, (AllSlotsReset, Restarted)):
            earlier = dict.fromkeys(earlier)
    timestamp = events[start].timestamp if start < len(events) else None
    return [SlotSet(name, value, timestamp=timestamp) for name, value in earlier.items()]


def recent_events(events: list[Any], window: int = EVENT_WINDOW) -> list[dict[str, Any]]:
    """The last `window` events as dicts, after the slot values that held where they start."""
    start = window_start(events, window)
    return [event.as_dict() for event in [*slots_before(events, start), *events[start:]]]


def encoded_window(events: list[Any]) -> tuple[list[dict[str, Any]], str]:
    """`recent_events(events)` and its JSON text, from each event's cached encoding."""
    start = window_start(events)
    dicts, texts = [], []
    for event in slots_before(events, start):
        as_dict = event.as_dict()
        dicts.append(as_dict)
        texts.append(json.dumps(as_dict))
    for event in events[start:]:
        as_dict, text = encoded_events.get(event)
        dicts.append(as_dict)
        texts.append(text)
    return dicts, "[" + ", ".join(texts) + "]"


def with_member(encoded_object: str, name: str, encoded_value: str) -> str:
    """The JSON text of an object with one more member, given as JSON text."""
    member = f"{json.dumps(name)}: {encoded_value}"
    if encoded_object == "{}":
        return "{" + member + "}"
    return encoded_object[:-1] + ", " + member + "}"


def domain_digest(domain: Any) -> str:
    """The domain's fingerprint, computed once per domain object."""
    cached = _digests.get(id(domain))
    if cached is None or cached[0] is not domain:
        cached = (domain, domain.fingerprint())
        _digests.clear()
        _digests[id(domain)] = cached
    return cached[1]


def action_call(action: Any, tracker: Any, domain: Any) -> EncodedBody:
    """The request body for the action server: recent events, the domain only when asked."""
    import rasa
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.NONE)
    state.pop("events", None)
    events, events_json = encoded_window(list(tracker.events))
    outer: dict[str, Any] = {
        "next_action": action.name(),
        "sender_id": tracker.sender_id,
        "version": rasa.__version__,
        "domain_digest": domain_digest(domain),
    }
    if _with_domain.get():
        outer["domain"] = domain.as_dict()
    tracker_json = with_member(json.dumps(state), "events", events_json)
    body = EncodedBody(outer, tracker={**state, "events": events})
    body.encoded = with_member(json.dumps(outer), "tracker", tracker_json)
    return body


def send_encoded(request: Callable[..., Any]) -> Callable[..., Any]:
    """`EndpointConfig.request` that sends an `EncodedBody` as its ready JSON text."""
    async def request_with_encoded_body(self: Any, *args: Any, **kwargs: Any) -> Any:
        body = kwargs.get("json")
        if isinstance(body, EncodedBody) and not kwargs.get("compress"):
            del kwargs["json"]
            kwargs["data"] = body.encoded.encode()
        return await request(self, *args, **kwargs)
    return request_with_encoded_body


def _asked_for_domain(error: BaseException) -> bool:
    cause = error.__cause__
    return getattr(cause, "status", None) == DOMAIN_MISSING_STATUS


def install() -> None:
    """Make Rasa's RemoteAction send slim calls and answer a 449 with the domain (idempotent)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import EndpointConfig

    def domain_on_request(run: Callable[..., Any]) -> Callable[..., Any]:
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
        return run_with_domain_on_request

    patch_once(RemoteAction, "_action_call_format", action_call)
    patch_once(RemoteAction, "run", domain_on_request, wraps=True)
    patch_once(EndpointConfig, "request", send_encoded, wraps=True)
