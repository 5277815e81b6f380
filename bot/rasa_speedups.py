"""`rasa` with per-turn costs removed, behaviour unchanged for this bot.

Each patch replaces one method of Rasa's (bot.runtime.patching.patch_once, idempotent), and each
has a test that compares it with Rasa's own code (tests/bot/runtime/, tests/bot/
test_rasa_speedups.py; test_model_speedups.py runs the trained model both ways).

1. Action-server answers are checked against the response schema quickly
(bot/runtime/response_check.py): the schema is checked once, and each returned event only
against the event schemas it can match. The verdict and the error raised are jsonschema's.

2. `action_validate_slot_mappings` is only called when the message set a slot.
Rasa 3.6 calls it after EVERY user message, rebuilding the whole tracker and sending it to the
action server, even when no slot was extracted; our ValidateSlotMappings then has nothing to
validate (rasa-sdk validates only slots set since the message, and it defines no `extract_`
methods, which tests/bot/test_rasa_speedups.py guards). The call cost a round trip per turn
that grew with the conversation.

3. An event's class is looked up by its type name once, not per event.
Rasa 3.6 walks every subclass of Event for each event it deserialises (all_subclasses is
recursive), the largest single cost of loading a long conversation. The same first match is
remembered per type name; unknown names still go through Rasa's own lookup.

4. Dialogue states and the applied events are replayed only for new events
(bot/runtime/states_cache.py).

5. No deep copy or text rendering of the whole state history for debug log lines nobody reads.
The memoization and rule policies deep-copy all states of the session for `structlogger.debug`
on every prediction, even with debug logging off (the arguments are built first), and the rule
policy renders them all as text first: it now renders "(debug logging off)" unless debug
logging is on. Those modules
use `copy` for nothing else (guarded by a test), so there it returns its argument: a debug log
renders the states at once and changes nothing.

6. Action-server calls carry the recent events (their JSON made once per event) and a domain
digest, not the whole conversation and domain (bot/runtime/action_calls.py).

7. spaCy's named-entity recogniser is switched off when a model is loaded to parse messages.
It is the last component of spacy_fi_experimental_web_md, has its own embedding layer (a third
of spaCy's time per message), and nothing reads its output: no pipeline component uses
entities from spaCy, and tokens, lemmas, tags and vectors do not depend on it (a test compares
them). Rasa itself already loads the model without the parser.

8. OpenBLAS runs one thread. A turn's matrix products are tiny, and its second thread spun
after each of them: parsing a message took 33 ms of CPU instead of 18 (16.5 ms of wall time
either way, 200 held-out messages through Agent.parse_message). Requests run side by side
in the workers instead.

9. The tracker is copied before each action without replaying the conversation
(bot/runtime/tracker_copy.py): the largest cost left in a long conversation's turn.

10. Prediction graphs run in a fixed order, without building and scheduling a dask graph for
every parse and prediction (bot/runtime/graph_runner.py).

11. The rule policy stops walking back through the conversation after its longest remaining
rule (that walk grew with every turn) and compares each distinct rule state once per step, at
the newest step only those whose required action and intent fit (bot/runtime/rule_matching.py).

12. DIET's TensorFlow graph is called directly, without the per-call dispatch of `tf.function`
(bot/runtime/diet_calls.py).

13. A button payload is parsed without the NLU pipeline whose result it replaces
(bot/runtime/payload_parse.py).

14. The memoization policy does not build a lookup key for a conversation longer than any key
(bot/runtime/memo_lookup.py): that key grew with every turn.

15. The rule policy does not render a conversation longer than any rule not in stories as the
source of a "no rule" prediction: that source is only compared with those rules
(bot/runtime/rule_source.py).

One more patch is about privacy, not speed: a message that fails is logged without its text or
the traceback's values, which hold the sender id (bot/runtime/log_privacy.py).

Run as `python -m bot.rasa_speedups run ...` (same arguments as `rasa run`), in .venv-rasa.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from bot.runtime.patching import patch_once


def install() -> None:
    """Apply the patches (idempotent); the OpenBLAS setting is made by `main` before imports."""
    from bot.runtime import (
        action_calls,
        diet_calls,
        graph_runner,
        log_privacy,
        memo_lookup,
        payload_parse,
        response_check,
        rule_matching,
        rule_source,
        states_cache,
        tracker_copy,
    )

    response_check.install()
    _validate_slots_only_when_set()
    _resolve_event_types_once()
    states_cache.install()
    states_cache.install_applied_events()
    tracker_copy.install()
    _no_copies_for_debug_logs()
    action_calls.install()
    _no_spacy_entities()
    graph_runner.install()
    rule_matching.install()
    diet_calls.install()
    payload_parse.install()
    memo_lookup.install()
    rule_source.install()
    log_privacy.install()


UNUSED_SPACY_PIPES = ("ner",)


def _no_spacy_entities() -> None:
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    def without_unused_pipes(load_model: Callable[[str], Any]) -> Callable[[str], Any]:
        def load_model_without_unused_pipes(spacy_model_name: str) -> Any:
            model = load_model(spacy_model_name)
            for name in UNUSED_SPACY_PIPES:
                if name in model.model.pipe_names:
                    model.model.disable_pipe(name)
            return model
        return load_model_without_unused_pipes

    patch_once(SpacyNLP, "load_model", without_unused_pipes, wraps=True)


LOG_ONLY_COPY_MODULES = ("rasa.core.policies.memoization", "rasa.core.policies.rule_policy")


def _no_copies_for_debug_logs() -> None:
    import importlib
    import logging
    from types import SimpleNamespace

    from rasa.core.policies.rule_policy import RulePolicy

    for name in LOG_ONLY_COPY_MODULES:
        module = importlib.import_module(name)
        module.copy = SimpleNamespace(deepcopy=lambda value, memo=None: value)  # type: ignore
    rule_logger = logging.getLogger("rasa.core.policies.rule_policy")

    def only_for_debug(render: Callable[..., str]) -> Callable[..., str]:
        def format_only_for_debug(states: list[dict[str, Any]]) -> str:
            if rule_logger.isEnabledFor(logging.DEBUG):
                return render(states)
            return "(debug logging off)"
        return format_only_for_debug

    patch_once(RulePolicy, "format_tracker_states", only_for_debug, wraps=True)


def _resolve_event_types_once() -> None:
    from rasa.shared.core.events import Event

    def remembered(resolve: Callable[..., Any]) -> Callable[..., Any]:
        found: dict[str, Any] = {}

        def resolve_by_type(type_name: str, default: Any = None) -> Any:
            event_class = found.get(type_name)
            if event_class is None:
                event_class = resolve(type_name, default)
                if event_class is not None and event_class.type_name == type_name:
                    found[type_name] = event_class
            return event_class
        return resolve_by_type

    patch_once(Event, "resolve_by_type", remembered, wraps=True)


def _validate_slots_only_when_set() -> None:
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.shared.core.events import SlotSet

    def when_set(validate: Callable[..., Any]) -> Callable[..., Any]:
        async def execute_validation_action(self: Any, extraction_events: list[Any],
                                            *args: Any) -> list[Any]:
            if not any(isinstance(event, SlotSet) for event in extraction_events):
                return []
            return await validate(self, extraction_events, *args)
        return execute_validation_action

    patch_once(ActionExtractSlots, "_execute_validation_action", when_set, wraps=True)


# Read by OpenBLAS and OpenMP when they load: set before anything imports them. TensorFlow keeps
# its own pool (one thread there made DIET slower without saving CPU).
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def one_thread_per_library() -> None:
    """Single-threaded numerics, unless the environment already says otherwise."""
    for name, value in ONE_THREAD.items():
        os.environ.setdefault(name, value)


def main() -> None:
    """Install the patch, then run Rasa's command line with the given arguments."""
    one_thread_per_library()
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
