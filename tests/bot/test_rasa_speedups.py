"""The action-response check with the schema checked once: same verdicts as Rasa's own."""

import json
import subprocess

import pytest

from bot.paths import PROJECT_ROOT
from tests.conftest import RASA_BIN

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
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    out = subprocess.run([str(python), "-c", SCRIPT], capture_output=True, text=True,
                         timeout=300, check=True, cwd=PROJECT_ROOT)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["before"] == [True, True, True, True]
    assert result["after"] == result["before"]
    assert result["speedup"] > 5, result
