"""The action server registers every domain action, and sanic's workers can pickle them."""

import pickle

from rasa_sdk.executor import ActionExecutor

from bot.domain_files import load_domain


def registered() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("actions")
    return executor


def test_every_custom_action_of_the_domain_is_registered():
    domain = load_domain()
    custom = {a for a in domain["actions"] if not a.startswith("utter_")}
    assert custom <= set(registered().actions)


def test_registered_actions_survive_pickling():
    # sanic 25 starts worker processes with spawn and pickles the app, actions included.
    actions = registered().actions
    restored = pickle.loads(pickle.dumps(actions))
    assert set(restored) == set(actions)
