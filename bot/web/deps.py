"""Shared objects of the running app, created once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from bot.audit.live import LiveDefinition
from bot.config import Settings
from bot.safety.crisis import CrisisDetector
from bot.services.content import Reply, WebTexts
from bot.services.rate_limit import RateLimiter
from bot.store.db import Database
from bot.web.rasa_client import RasaClient


@dataclass
class AppState:
    """Everything a route needs; stored on `app.state.bot`."""

    settings: Settings
    rasa: RasaClient
    detector: CrisisDetector
    crisis_reply: Reply
    texts: WebTexts
    limiter: RateLimiter
    topic_defaults: dict[str, Reply]
    db: Database
    audit_definition: LiveDefinition


def get_state(request: Request) -> AppState:
    """FastAPI dependency returning the app state."""
    return request.app.state.bot


StateDep = Annotated[AppState, Depends(get_state)]
