"""`GET /health`: status of the web app, the Rasa server and the action server."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter

from bot.web.deps import StateDep

router = APIRouter()


@router.get("/health")
async def health(state: StateDep) -> dict[str, str]:
    """Always 200 so the page can show which part is down (Redis only when it is used)."""
    rasa_ok, actions_ok, redis_ok = await asyncio.gather(
        state.rasa.rasa_ok(), state.rasa.actions_ok(), asyncio.to_thread(state.limiter.healthy))
    status = {
        "web": "ok",
        "rasa": "ok" if rasa_ok else "down",
        "actions": "ok" if actions_ok else "down",
    }
    if redis_ok is not None:
        status["redis"] = "ok" if redis_ok else "down"
    return status
