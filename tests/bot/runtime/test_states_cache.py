"""Incremental dialogue states equal Rasa's own, event by event, on every story and rule."""

from tests.rasa_env import run_script

# Grows a tracker one event at a time, for every story and rule of the bot, and compares the
# cached states with Rasa's after each event, for every flag combination the policies use.
SCRIPT = r"""
import json
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUtteranceReverted
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.importers.importer import TrainingDataImporter
from bot.runtime import states_cache

importer = TrainingDataImporter.load_from_config(
    "config.yml", "domain", ["data", "tests/stories"])
domain = importer.get_domain()
trackers = TrainingDataGenerator(importer.get_stories(), domain, remove_duplicates=False,
                                 augmentation_factor=0).generate()
rasas_own = Domain.states_for_tracker_history
states_cache.install()
flags = [(False, False, None), (True, False, None), (False, True, None),
         (False, True, {"slots": ["sisalto_saatavilla"], "loops": ["yhteydenotto_form"]})]
compared, differ, revert_checked, new_loops = 0, [], 0, 0

def compare(tracker, where):
    global compared
    if states_cache.applied_events(tracker) != tracker.applied_events():
        differ.append(where + " applied events")
    for omit, ignore, rule_only in flags:
        ours = domain.states_for_tracker_history(tracker, omit, ignore, rule_only)
        if ours != rasas_own(domain, tracker, omit, ignore, rule_only):
            differ.append(where)
        for state in ours:  # Rasa's featurizer deletes parts of "user": not from the cache
            state.get("user", {}).clear()
            state.clear()
        compared += 1

for number, tracker in enumerate(trackers):
    grown = tracker.init_copy()
    for index, event in enumerate(tracker.events):
        grown.update(event)
        compare(grown, f"{tracker.sender_id} #{number} event {index}")
    if sum(isinstance(e, ActionExecuted) for e in grown.events) > 3:
        grown.update(UserUtteranceReverted())  # history undone: no longer a prefix
        compare(grown, f"{tracker.sender_id} #{number} reverted")
        revert_checked += 1
    executed = [e.action_name for e in grown.events if isinstance(e, ActionExecuted)]
    if len(executed) > 2:  # a loop named after an action run earlier: Rasa rereads it all
        grown.update(ActiveLoop(executed[1]))
        grown.update(ActionExecuted(executed[1]))
        compare(grown, f"{tracker.sender_id} #{number} new loop")
        new_loops += 1
print(json.dumps({"trackers": len(trackers), "compared": compared, "differ": differ[:5],
                  "reverts": revert_checked, "new_loops": new_loops,
                  "kept": len(states_cache._replays)}))
"""


def test_incremental_states_equal_rasas_own_on_every_story_and_rule():
    result = run_script(SCRIPT, timeout=600)
    assert result["trackers"] > 100 and result["compared"] > 5000, result
    assert result["reverts"] > 50 and result["new_loops"] > 50, result
    assert result["differ"] == [], result
    assert 0 < result["kept"] <= 600


# With the tracker's own applied_events made incremental: the same lists as Rasa's method.
TRACKER_SCRIPT = r"""
import json
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered, UserUtteranceReverted
from rasa.shared.core.trackers import DialogueStateTracker
from bot.runtime import states_cache

rasas_own = DialogueStateTracker.applied_events
states_cache.install_applied_events()
states_cache.install_applied_events()
domain = Domain.load("domain")
tracker = DialogueStateTracker("t", domain.slots)
differ, last_user = 0, []
for turn in range(40):
    for event in (ActionExecuted("action_listen"), UserUttered(f"viesti {turn}"),
                  ActionExecuted("utter_greet")):
        tracker.update(event)
        differ += tracker.applied_events() != rasas_own(tracker)
    if turn % 7 == 6:
        tracker.update(UserUtteranceReverted())
        differ += tracker.applied_events() != rasas_own(tracker)
    last_user.append(tracker.get_last_event_for(UserUttered).text)
print(json.dumps({"differ": differ, "patched": DialogueStateTracker.applied_events is not rasas_own,
                  "last_user": last_user[5:8]}))
"""


def test_the_trackers_applied_events_are_rasas_own():
    result = run_script(TRACKER_SCRIPT)
    assert result["patched"] and result["differ"] == 0
    assert result["last_user"] == ["viesti 5", "viesti 5", "viesti 7"]  # 6 was undone


# The tracker copy without replay: Rasa's copy, after every event of every story and rule.
COPY_SCRIPT = r"""
import dataclasses, json
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.importers.importer import TrainingDataImporter
from bot.runtime.tracker_copy import copy_without_replay, install

importer = TrainingDataImporter.load_from_config(
    "config.yml", "domain", ["data", "tests/stories"])
domain = importer.get_domain()
trackers = TrainingDataGenerator(importer.get_stories(), domain, remove_duplicates=False,
                                 augmentation_factor=0).generate()

SKIP = ("events", "slots", "active_loop", "sender_id", "sender_source", "latest_bot_utterance",
        "latest_message")

def state(tracker):
    # Rasa's copy goes through init_copy, which turns an empty sender id into "default" and drops
    # the sender source (the training trackers have neither): those two are left out.
    found = {k: v for k, v in vars(tracker).items() if k not in SKIP}
    found["events"] = [id(e) for e in tracker.events]
    found["slots"] = {n: (repr(s.value), s.has_been_set, type(s).__name__)
                      for n, s in tracker.slots.items()}
    found["active_loop"] = dataclasses.asdict(tracker.active_loop) if tracker.active_loop else None
    # before any message these are placeholders made afresh (their own time and object id)
    found["bot"] = (tracker.latest_bot_utterance.text, tracker.latest_bot_utterance.data)
    found["user"] = {k: v for k, v in tracker.latest_message.as_dict().items() if k != "timestamp"}
    found["current"] = {k: v for k, v in tracker.current_state(EventVerbosity.ALL).items()
                        if k != "sender_id"}
    return repr(found)

compared, differ, independent = 0, [], 0
for number, tracker in enumerate(trackers):
    grown = DialogueStateTracker(f"story {number}", domain.slots)  # as at run time, not training's
    for index, event in enumerate(tracker.events):
        grown.update(event)
        if state(copy_without_replay(grown)) != state(grown.copy()):
            differ.append(f"{tracker.sender_id} #{number} event {index}")
        compared += 1
    twin, before = copy_without_replay(grown), state(grown)
    twin.update(UserUttered("lisää"))
    for name in list(twin.slots)[:3]:
        twin.update(SlotSet(name, None))
    if twin.active_loop:
        twin.active_loop.is_interrupted = not twin.active_loop.is_interrupted
    independent += state(grown) == before
original = DialogueStateTracker.copy
install()
install()
grown = DialogueStateTracker("x", domain.slots)
grown.update(UserUttered("moi"))
print(json.dumps({"trackers": len(trackers), "compared": compared, "differ": differ[:5],
                  "independent": independent,
                  "installed": DialogueStateTracker.copy is not original
                               and state(grown.copy()) == state(grown),
                  "training_kept": type(trackers[0]).copy is original
                                   or trackers[0].copy().__class__ is type(trackers[0])}))
"""


def test_the_copy_without_replay_equals_rasas_copy_and_is_independent():
    result = run_script(COPY_SCRIPT, timeout=600)
    assert result["trackers"] > 100 and result["compared"] > 2000, result
    assert result["differ"] == [], result
    assert result["independent"] == result["trackers"]
    assert result["installed"] and result["training_kept"]
