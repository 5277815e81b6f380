"""The quick response check gives jsonschema's verdict on every kind of action-server answer."""

from tests.rasa_env import run_script

# Valid answers: every event type Rasa knows, as Rasa itself serialises it, alone and mixed.
# Invalid ones: each of those with a field of the wrong type, a missing `event`, an unknown
# event, wrong shapes at the top. Each is judged by the quick check and by jsonschema.
SCRIPT = r"""
import copy, itertools, json, random, time
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, AgentUttered,
    AllSlotsReset, BotUttered, ConversationPaused, ConversationResumed, EntitiesAdded,
    FollowupAction, LoopInterrupted, ReminderCancelled, ReminderScheduled, Restarted,
    SessionStarted, SlotSet, StoryExported, UserUttered, UserUtteranceReverted)
from bot.runtime import response_check

schema = RemoteAction.action_response_format_spec()
full = validators.validator_for(schema)(schema)
quick = response_check.quick_check(schema)
events = [e.as_dict() for e in [
    ActionExecuted("utter_x", policy="RulePolicy", confidence=1.0), ActionExecutionRejected("a"),
    ActionReverted(), ActiveLoop("kartoitus_form"), ActiveLoop(None), AgentUttered("hei"),
    AllSlotsReset(), BotUttered("Hei", {"buttons": [{"title": "Kyllä", "payload": "/kylla"}]}),
    ConversationPaused(), ConversationResumed(), FollowupAction("action_listen"),
    EntitiesAdded([{"entity": "kunta", "value": "Tuusula", "start": 0, "end": 7}]),
    LoopInterrupted(True), ReminderCancelled(name="r"), Restarted(), SessionStarted(),
    SlotSet("kunta", "Tuusula"), SlotSet("lista", [1, 2]), SlotSet("tyhja", None),
    StoryExported(), UserUtteranceReverted(),
    UserUttered("moi", {"name": "greet", "confidence": 0.9},
                [{"entity": "kunta", "value": "Tuusula", "start": 0, "end": 7}],
                parse_data={"intent_ranking": [{"name": "greet", "confidence": 0.9}]})]]
responses = [{}, {"events": []}, {"responses": [{"text": "Hei"}]}]
responses += [{"events": [event], "responses": []} for event in events]
responses += [{"events": list(pair)} for pair in itertools.combinations(events, 2)]
wrong_values = [None, 1, 1.5, "x", [], {}, True]
for event in events:
    for field in event:
        for value in wrong_values:
            broken = copy.deepcopy(event)
            broken[field] = value
            responses.append({"events": [broken]})
    without_event = {k: v for k, v in event.items() if k != "event"}
    responses.append({"events": [without_event]})
responses += [{"events": [{"event": "no_such_event"}]}, {"events": "not a list"},
              {"events": [None]}, {"events": [[]]}, {"responses": ["not an object"]},
              {"responses": {"text": "x"}}, [], "text", None, 5,
              {"events": [events[0], {"event": "slot"}]}]
random.Random(3).shuffle(responses)
differ = [r for r in responses if quick(r) != full.is_valid(r)]
valid = sum(full.is_valid(r) for r in responses)

action = RemoteAction("action_x", None)
response_check.install()
response_check.install()
messages = []
for response in responses[:200]:
    try:
        action._validate_action_result(response)
    except ValidationError as error:
        messages.append(error.message)
started = time.perf_counter()
for _ in range(20):
    full.is_valid(responses[0]) and full.validate(responses[0])
    [full.is_valid(r) for r in responses[:50]]
middle = time.perf_counter()
for _ in range(20):
    [quick(r) for r in responses[:50]]
ended = time.perf_counter()
print(json.dumps({"responses": len(responses), "valid": valid, "differ": differ[:3],
                  "raised": len(messages),
                  "expected_raises": sum(not full.is_valid(r) for r in responses[:200]),
                  "rasa_hint": all("Failed to validate Action server response" in m
                                   for m in messages),
                  "speedup": (middle - started) / (ended - middle)}, default=str))
"""


def test_the_quick_check_agrees_with_jsonschema_on_every_answer():
    result = run_script(SCRIPT)
    assert result["responses"] > 500
    assert 50 < result["valid"] < result["responses"] - 100
    assert result["differ"] == []
    assert result["raised"] == result["expected_raises"] > 50
    assert result["rasa_hint"]
    assert result["speedup"] > 2, result
