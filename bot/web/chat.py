"""`POST /api/chat`: checks the message, forwards it to Rasa, never loses a crisis."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.services.content import Reply
from bot.services.message_check import check_sender, clean_message
from bot.services.replies import crisis_first, replies_from_rasa
from bot.web.deps import AppState, StateDep
from bot.web.errors import error_response
from bot.web.rasa_client import RasaUnavailable

log = logging.getLogger(__name__)
router = APIRouter()


def _chat_response(replies: list[Reply], degraded: bool) -> JSONResponse:
    return JSONResponse({"messages": [r.as_dict() for r in replies], "degraded": degraded})


async def _read_json(request: Request, max_bytes: int) -> tuple[Any, str | None]:
    """Parse the body ourselves so that binary or oversized bodies get a Finnish 4xx."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            return None, "too_long"
    try:
        return json.loads(body.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError):
        return None, "invalid_input"


async def _default_answer(state: AppState, sender: str) -> list[Reply]:
    """The domain default of the topic Rasa recognised, when the action server gave nothing."""
    intent = await state.rasa.latest_intent(sender)
    default = state.topic_defaults.get(intent or "")
    return [default] if default else [Reply(text=state.texts.no_reply)]


@router.post("/api/chat")
async def chat(request: Request, state: StateDep) -> JSONResponse:
    """Answer one chat message; degrade to the crisis answer or a notice if Rasa is down."""
    data, problem = await _read_json(request, state.settings.max_body_bytes)
    if problem:
        return error_response(state.texts, problem, 413 if problem == "too_long" else 400)
    if not isinstance(data, dict):
        return error_response(state.texts, "invalid_input", 400)
    sender_problem = check_sender(data.get("sender"))
    if sender_problem:
        return error_response(state.texts, sender_problem.code, sender_problem.status)
    text, message_problem = clean_message(data.get("message"), state.settings.max_message_chars)
    if message_problem:
        return error_response(state.texts, message_problem.code, message_problem.status)
    if not state.limiter.allow(data["sender"]):
        return error_response(state.texts, "rate_limited", 429)

    try:
        replies = replies_from_rasa(await state.rasa.send(data["sender"], text))
        degraded = False
        if not replies:  # the action server is down: the topic's default, or a notice
            replies = await _default_answer(state, data["sender"])
    except RasaUnavailable as exc:
        # Log the failure kind only: never the text together with the sender id.
        log.warning("rasa unavailable: %s", exc)
        replies, degraded = [Reply(text=state.texts.degraded)], True
    return _chat_response(crisis_first(text, replies, state.detector, state.crisis_reply), degraded)
