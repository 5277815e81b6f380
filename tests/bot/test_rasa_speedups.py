"""The action-response check with the schema checked once: same verdicts as Rasa's own."""

from tests.rasa_env import ACTION_ENDPOINT, run_script

SCRIPT = r"""
import json, time
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from bot.rasa_speedups import install

action = RemoteAction("action_x", None)
good = {"events": [{"event": "slot", "name": "kunta", "value": "Tuusula"}],
        "responses": [{"text": "Hei"}]}
bad = [{"events": "not a list"}, {"responses": ["not an object"]},
       {"events": [{"event": "no_such_event"}]}]

def verdicts():
    found = [action._validate_action_result(good)]
    for response in bad:
        try:
            action._validate_action_result(response)
            found.append("accepted")
        except ValidationError as error:
            found.append("Failed to validate Action server response" in error.message)
    return found

def seconds(repeat=20):
    started = time.perf_counter()
    for _ in range(repeat):
        action._validate_action_result(good)
    return time.perf_counter() - started

before, slow = verdicts(), seconds()
install()
install()
after, fast = verdicts(), seconds()
print(json.dumps({"before": before, "after": after, "speedup": slow / fast}))
"""


def test_the_patched_check_gives_the_same_verdicts_much_faster():
    result = run_script(SCRIPT)
    assert result["before"] == [True, True, True, True]
    assert result["after"] == result["before"]
    assert result["speedup"] > 5, result


# A small action endpoint that counts the calls and validates nothing (answers no events).
VALIDATION_SCRIPT = ACTION_ENDPOINT + r"""
import asyncio
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from bot.rasa_speedups import install

calls = []

def answer(body):
    calls.append(body["next_action"])
    return 200, {"events": [], "responses": []}

server, url = serve(answer)
domain = Domain.load("domain")
action = ActionExtractSlots(EndpointConfig(url))

async def outcome(entities):
    tracker = DialogueStateTracker.from_events("s", [ActionExecuted("action_listen"), UserUttered(
        "viesti", {"name": "vuokravelka", "confidence": 0.9}, entities)], slots=domain.slots)
    before = len(calls)
    events = await action.run(CollectingOutputChannel(),
                              TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain)
    return {"events": [type(e).__name__ for e in events], "calls": calls[before:]}

async def main():
    kunta = [{"entity": "kunta", "value": "Tuusula", "start": 0, "end": 7}]
    found = {"before": [await outcome([]), await outcome(kunta)]}
    install()
    found["after"] = [await outcome([]), await outcome(kunta)]
    print(json.dumps(found))

asyncio.run(main())
server.shutdown()
"""


def test_slot_validation_is_called_only_when_the_message_set_a_slot():
    result = run_script(VALIDATION_SCRIPT)
    validation = ["action_validate_slot_mappings"]
    before_plain, before_kunta = result["before"]
    after_plain, after_kunta = result["after"]
    assert before_plain == {"events": [], "calls": validation}  # Rasa's own: every message
    assert after_plain == {"events": [], "calls": []}  # nothing set, nothing to validate
    assert before_kunta == after_kunta == {"events": ["SlotSet"], "calls": validation}


def test_the_slot_validation_action_extracts_nothing_itself():
    """Skipping the call is only safe while ValidateSlotMappings has no `extract_` methods."""
    from actions.slot_validation import ValidateSlotMappings

    assert not [name for name in dir(ValidateSlotMappings) if name.startswith("extract_")]


RESOLVE_SCRIPT = r"""
import json, time
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from bot.rasa_speedups import install

names = sorted({c.type_name for c in all_subclasses(Event)} | {"no_such_event"})

def lookups():
    found = {}
    for name in names:
        try:
            found[name] = Event.resolve_by_type(name).__name__
        except ValueError as error:
            found[name] = "ValueError"
    found["default"] = Event.resolve_by_type("no_such_event", Event).__name__
    return found

def seconds(repeat=300):
    started = time.perf_counter()
    for _ in range(repeat):
        Event.resolve_by_type("user")
    return time.perf_counter() - started

before, slow = lookups(), seconds()
install()
after, fast = lookups(), seconds()
print(json.dumps({"before": before, "after": after, "speedup": slow / fast}))
"""


def test_event_classes_resolve_the_same_and_faster():
    result = run_script(RESOLVE_SCRIPT)
    assert result["before"]["user"] == "UserUttered"
    assert result["before"]["no_such_event"] == "ValueError"
    assert result["before"]["default"] == "Event"
    assert result["after"] == result["before"]
    assert result["speedup"] > 5, result


COPY_USE_SCRIPT = r"""
import importlib, inspect, json
from bot.rasa_speedups import LOG_ONLY_COPY_MODULES, install

found = {}
for name in LOG_ONLY_COPY_MODULES:
    lines = inspect.getsource(importlib.import_module(name)).splitlines()
    uses = [i for i, line in enumerate(lines) if "copy." in line and "import" not in line]
    found[name] = [all("structlogger.debug(" in "".join(lines[max(0, i - 2):i + 1])
                       for i in uses), len(uses)]
rule_source = inspect.getsource(importlib.import_module("rasa.core.policies.rule_policy"))
calls = [line for line in rule_source.splitlines() if "format_tracker_states(" in line]
found["format_feeds_only_the_log"] = [
    calls == ["        current_states = self.format_tracker_states(states)"],
    rule_source.count("current_states") == 3]  # assigned, named in the log call, passed to it
install()
module = importlib.import_module(LOG_ONLY_COPY_MODULES[0])
states = [{"user": {"intent": "x"}}]
found["same_object"] = module.copy.deepcopy(states) is states
from rasa.core.policies.rule_policy import RulePolicy
import logging
found["rendered_off"] = RulePolicy.format_tracker_states(states)
logging.getLogger("rasa.core.policies.rule_policy").setLevel(logging.DEBUG)
found["rendered_debug"] = RulePolicy.format_tracker_states(states)
print(json.dumps(found))
"""


def test_the_policies_copy_only_for_debug_logs():
    """The copies are skipped only where they feed a debug log line and nothing else."""
    found = run_script(COPY_USE_SCRIPT)
    assert found.pop("same_object") is True
    assert found.pop("format_feeds_only_the_log") == [True, True]
    assert found.pop("rendered_off") == "(debug logging off)"
    assert "user intent: x" in found.pop("rendered_debug")
    for module, (only_for_logs, uses) in found.items():
        assert only_for_logs and uses >= 1, module


# spaCy without its entity recogniser: every feature a component reads stays the same.
SPACY_SCRIPT = r"""
import json, re, time
from pathlib import Path
from rasa.nlu.utils.spacy_utils import SpacyNLP
from bot.rasa_speedups import UNUSED_SPACY_PIPES, install

texts = re.findall(r"^\s+- (.+)$", Path("tests/nlu/test_nlu.yml").read_text(), re.M)[:300]

def features():
    model = SpacyNLP.load_model("spacy_fi_experimental_web_md").model
    for text in texts[:20]:
        model(text)
    started = time.perf_counter()
    docs = [model(text.lower()) for text in texts]
    seconds = time.perf_counter() - started
    rows = [[[t.text, t.lemma_, t.tag_, t.pos_, str(t.morph), round(float(t.vector.sum()), 5)]
             for t in doc] + [round(float(doc.vector.sum()), 5)] for doc in docs]
    return model.pipe_names, rows, seconds

before_pipes, before, slow = features()
install()
after_pipes, after, fast = features()
print(json.dumps({"texts": len(texts), "same": before == after, "before": before_pipes,
                  "after": after_pipes, "unused": list(UNUSED_SPACY_PIPES),
                  "speedup": slow / fast}))
"""


def test_spacy_without_entities_gives_the_same_tokens_lemmas_tags_and_vectors_faster():
    result = run_script(SPACY_SCRIPT)
    assert result["texts"] >= 200
    assert result["same"]
    assert set(result["unused"]) <= set(result["before"])
    assert result["after"] == [p for p in result["before"] if p not in result["unused"]]
    assert result["speedup"] > 1.15, result


THREADS_SCRIPT = r"""
import json, os
from bot.rasa_speedups import one_thread_per_library
os.environ.pop("OPENBLAS_NUM_THREADS", None)
one_thread_per_library()
import numpy, scipy.linalg
from threadpoolctl import threadpool_info
print(json.dumps({p["internal_api"]: p["num_threads"] for p in threadpool_info()}))
"""


def test_openblas_runs_one_thread_in_rasa():
    """Its spinning second thread doubled the CPU time of parsing a message."""
    pools = run_script(THREADS_SCRIPT)
    assert pools.get("openblas") == 1, pools
