"""run_coroutine works where asyncio.run cannot: inside a running event loop."""

import asyncio

import pytest

from tests.own_loop import run_coroutine


async def _double(value: int) -> int:
    await asyncio.sleep(0)
    return value * 2


async def _fail() -> None:
    raise ValueError("boom")


def test_runs_inside_a_running_loop_and_passes_results_and_errors():
    async def outer() -> int:
        with pytest.raises(RuntimeError):
            coroutine = _double(1)
            try:
                asyncio.run(coroutine)
            finally:
                coroutine.close()
        with pytest.raises(ValueError, match="boom"):
            run_coroutine(_fail())
        return run_coroutine(_double(21))

    # The outer loop itself runs in a thread too: the main thread may already have a running
    # loop (Playwright's, when the browser tests ran first), which is the case this is for.
    assert run_coroutine(outer()) == 42
