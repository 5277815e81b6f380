"""Runs a test script in the Rasa environment (.venv-rasa), where Rasa's own classes live."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from bot.paths import PROJECT_ROOT
from tests.conftest import RASA_BIN


def run_script(script: str, *args: str, timeout: float = 300) -> Any:
    """Run `script` with .venv-rasa's Python; the JSON on its last output line."""
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    out = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True,
                         timeout=timeout, cwd=PROJECT_ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])
