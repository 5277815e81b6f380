"""1,000 odd requests (scripts/fuzz.py, fixed seed) through the real stack: no server error."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType

from bot.paths import PROJECT_ROOT
from tests.own_loop import run_coroutine

SEED = 14
REQUESTS = 1000


@cache
def fuzz_module() -> ModuleType:
    """scripts/fuzz.py as a module (scripts/ is not a package), loaded once."""
    spec = importlib.util.spec_from_file_location("fuzz", PROJECT_ROOT / "scripts" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_cases_are_the_same_for_a_seed_and_cover_every_category():
    fuzz = fuzz_module()
    first, second = fuzz.cases(SEED, REQUESTS), fuzz.cases(SEED, REQUESTS)
    assert first == second
    assert sum(c.burst for c in first) == REQUESTS
    assert {c.category for c in first} == set(fuzz.GENERATORS)
    bodies = [c.body for c in first]
    assert any(b.startswith(b"[" * 1000) for b in bodies), "no deeply nested body"
    assert any(b"\\ud800" in b for b in bodies), "no lone surrogate"
    assert any(len(b) > 16_384 for b in bodies), "no body over the size limit"


def test_odd_input_gives_no_server_error_and_the_stack_stays_healthy(stack):
    fuzz = fuzz_module()
    outcome = run_coroutine(fuzz.run(stack.web, SEED, REQUESTS))
    report = fuzz.markdown(outcome, SEED)
    assert outcome.requests == REQUESTS, report
    assert outcome.failed == 0, report
    assert fuzz.healthy(outcome), report
    statuses = {status for _, status in outcome.counts}
    assert {"200", "400", "413"} <= statuses, report  # answers and refusals both happened
