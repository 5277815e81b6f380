"""Slim action-server calls: bounded events, the same answers, the domain only on a 449."""

from rasa_sdk import Tracker

from actions.slot_validation import value_before_message
from bot.runtime import action_calls
from tests.rasa_env import ACTION_ENDPOINT, run_script

# A long conversation: kunta set early, 150 small-talk turns, then a message setting it again.
CALL_SCRIPT = r"""
import json
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, AllSlotsReset, BotUttered, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from bot.runtime import action_calls

domain = Domain.load("domain")
events = [ActionExecuted("action_listen"), UserUttered("Pariisi"), SlotSet("kunta", "Pariisi"),
          AllSlotsReset(), UserUttered("asun Tuusulassa"), SlotSet("kunta", "Tuusula")]
for turn in range(150):
    events += [ActionExecuted("action_listen"), UserUttered(f"kiitos {turn}"),
               ActionExecuted("utter_kiitos"), BotUttered("Ole hyvä")]
events += [ActionExecuted("action_listen"), UserUttered("asun Kuopiossa"),
           SlotSet("kunta", "Kuopio")]
tracker = DialogueStateTracker.from_events("long", events, domain.slots)
action = RemoteAction("action_validate_slot_mappings", None)
full = action._action_call_format(tracker, domain)
action_calls.install()
action_calls.install()
slim = RemoteAction("action_validate_slot_mappings", None)._action_call_format(tracker, domain)
token = action_calls._with_domain.set(True)
with_domain = action._action_call_format(tracker, domain)
action_calls._with_domain.reset(token)
again = action._action_call_format(tracker, domain)
print(json.dumps({"full": full, "slim": slim, "with_domain": "domain" in with_domain,
                  "fingerprint": domain.fingerprint(),
                  "encoded": [json.loads(body.encoded) == json.loads(json.dumps(body))
                              for body in (slim, with_domain, again)],
                  "window": slim["tracker"]["events"] == action_calls.recent_events(events),
                  "cached": len(action_calls.encoded_events)}))
"""


def test_a_long_conversation_sends_a_bounded_window_with_the_same_answers():
    result = run_script(CALL_SCRIPT)
    full, slim = result["full"], result["slim"]
    assert len(full["tracker"]["events"]) > 600
    assert len(slim["tracker"]["events"]) <= 120 + 3
    assert "domain" in full and "domain" not in slim and result["with_domain"]
    assert slim["domain_digest"] == result["fingerprint"]
    full_state = {k: v for k, v in full["tracker"].items() if k != "events"}
    assert {k: v for k, v in slim["tracker"].items() if k != "events"} == full_state
    assert slim["tracker"]["events"][-120:] == full["tracker"]["events"][-120:]
    # The JSON text sent is the body's own encoding, made from each event's cached text.
    assert result["encoded"] == [True, True, True] and result["window"]
    assert result["cached"] == 120
    # The action that looks back in the history finds the same earlier value in both.
    before = [value_before_message(Tracker.from_dict(call["tracker"]), "kunta")
              for call in (full, slim)]
    assert before == ["Tuusula", "Tuusula"]


# An action server that, like rasa-sdk 3.21, answers 449 until it has been sent the domain.
PROTOCOL_SCRIPT = ACTION_ENDPOINT + r"""
import asyncio
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from bot.rasa_speedups import install

seen, digests = [], set()

def answer(body):
    seen.append({"domain": "domain" in body, "status": server.status})
    if "domain" in body:
        digests.add(body["domain_digest"])
    status = server.status
    if status == 200 and body.get("domain_digest") not in digests:
        status = 449
    if status != 200:
        return status, {"error": "x"}
    return 200, {"events": [{"event": "slot", "name": "kunta", "value": "Vantaa"}],
                 "responses": []}

server, url = serve(answer)
server.status = 200
install()
domain = Domain.load("domain")
endpoint = EndpointConfig(url)
tracker = DialogueStateTracker.from_events(
    "s", [ActionExecuted("action_listen"), UserUttered("moi")], domain.slots)

async def call():
    action = RemoteAction("action_answer_topic", endpoint)
    try:
        found = await action.run(CollectingOutputChannel(),
                                 TemplatedNaturalLanguageGenerator(domain.responses),
                                 tracker, domain)
        return [event.as_dict()["event"] for event in found]
    except RasaException as error:
        return type(error).__name__

results = [asyncio.run(call()), asyncio.run(call())]
server.status = 500
results.append(asyncio.run(call()))
print(json.dumps({"results": results, "seen": seen}))
"""


def test_the_domain_is_sent_once_when_the_server_asks_and_other_errors_still_fail():
    result = run_script(PROTOCOL_SCRIPT)
    assert result["results"] == [["slot"], ["slot"], "RasaException"]
    assert [call["domain"] for call in result["seen"]] == [False, True, False, False]



class FakeEvent:
    def __init__(self, number):
        self.number = number
        self.encodings = 0

    def as_dict(self):
        self.encodings += 1
        return {"event": "slot", "name": "n", "value": self.number}


def test_each_event_is_encoded_once_while_it_is_in_use(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(action_calls.time, "monotonic", lambda: clock[0])
    cache = action_calls.EncodedEvents(max_entries=3, idle_s=60)
    events = [FakeEvent(n) for n in range(4)]
    assert cache.get(events[0]) == ({"event": "slot", "name": "n", "value": 0},
                                    '{"event": "slot", "name": "n", "value": 0}')
    cache.get(events[0])
    assert events[0].encodings == 1
    for event in events[1:]:
        cache.get(event)
    assert len(cache) == 3  # the least recently used one went
    cache.get(events[0])
    assert events[0].encodings == 2
    clock[0] += 61  # message texts are not kept after an idle hour (here a minute)
    cache.get(events[3])
    assert len(cache) == 1


def test_an_event_at_a_reused_address_is_not_mistaken_for_the_old_one():
    cache = action_calls.EncodedEvents()
    first = FakeEvent(1)
    cache.get(first)
    key = id(first)
    cache._entries[key][0] = object()  # as if `first` were gone and its id reused
    assert cache.get(first)[0]["value"] == 1 and first.encodings == 2


def test_json_members_are_added_to_encoded_objects():
    import json

    assert json.loads(action_calls.with_member("{}", "a", "[1]")) == {"a": [1]}
    assert json.loads(action_calls.with_member('{"b": 2}', "a", '{"c": null}')) == {
        "b": 2, "a": {"c": None}}
