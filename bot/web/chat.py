"""`POST /api/chat`: checks the message, forwards it to Rasa, never loses a crisis."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.services.button_payloads import all_payloads
from bot.services.content import Reply
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.message_check import check_sender, clean_message, readable_text, screen_payload
from bot.services.replies import crisis_first, replies_from_rasa
from bot.services.topics import default_catalogue
from bot.web.deps import AppState, StateDep
from bot.web.professional_link import record_started_audits
from bot.web.rasa_client import RasaUnavailable

log = logging.getLogger(__name__)
router = APIRouter()


def _chat_response(replies: list[Reply], degraded: bool) -> JSONResponse:
    return JSONResponse({"messages": [r.as_dict() for r in replies], "degraded": degraded})


def _refuse(state: AppState, code: str, status: int, text: str | None) -> JSONResponse:
    """The API's error shape (bot.web.errors); plus the crisis answer when the refused text,
    as far as it can be read, matches the crisis lexicon."""
    body: dict[str, Any] = {"error": code, "message": state.texts.error(code)}
    if text and state.detector.detect(readable_text(text)) is not None:
        body["messages"] = [state.crisis_reply.as_dict()]
    return JSONResponse(body, status_code=status)


async def _read_json(request: Request, max_bytes: int) -> tuple[Any, str | None, str]:
    """Parse the body ourselves so that binary or oversized bodies get a Finnish 4xx.

    Returns the data, the problem and the body as far as it was read (decoded leniently)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            return None, "too_long", body[:max_bytes].decode("utf-8", errors="replace")
    try:
        return json.loads(body.decode("utf-8")), None, ""
    except (UnicodeDecodeError, ValueError):
        return None, "invalid_input", body.decode("utf-8", errors="replace")


def _own_payloads(state: AppState) -> frozenset[str]:
    """Payloads of every button the bot shows, with the audit questions in use right now."""
    return all_payloads(
        state.audit_definition.get(),
        default_dialogue_texts(),
        default_catalogue(),
        state.settings.domain_path,
    )


async def _default_answer(state: AppState, sender: str) -> list[Reply]:
    """The domain default of the topic Rasa recognised, when the action server gave nothing."""
    intent = await state.rasa.latest_intent(sender)
    default = state.topic_defaults.get(intent or "")
    return [default] if default else [Reply(text=state.texts.no_reply)]


@router.post("/api/chat")
async def chat(request: Request, state: StateDep) -> JSONResponse:
    """Answer one chat message; degrade to the crisis answer or a notice if Rasa is down."""
    data, problem, raw = await _read_json(request, state.settings.max_body_bytes)
    if problem:
        return _refuse(state, problem, 413 if problem == "too_long" else 400, raw)
    if not isinstance(data, dict):
        return _refuse(state, "invalid_input", 400, None)
    message = data.get("message") if isinstance(data.get("message"), str) else None
    sender_problem = check_sender(data.get("sender"))
    if sender_problem:
        return _refuse(state, sender_problem.code, sender_problem.status, message)
    text, message_problem = clean_message(message, state.settings.max_message_chars)
    if message_problem:
        return _refuse(state, message_problem.code, message_problem.status, message)
    text, is_button = (
        screen_payload(text, _own_payloads(state)) if text.startswith("/") else (text, False)
    )
    if not text:
        return _refuse(state, "empty", 400, None)
    if not state.limiter.allow(data["sender"]):
        return _refuse(state, "rate_limited", 429, text)

    try:
        replies = replies_from_rasa(await state.rasa.send(data["sender"], text))
        degraded = False
        if not replies:  # the action server is down: the topic's default, or a notice
            replies = await _default_answer(state, data["sender"])
    except RasaUnavailable as exc:
        # Log the failure kind only: never the text together with the sender id.
        log.warning("rasa unavailable: %s", exc)
        replies, degraded = [Reply(text=state.texts.degraded)], True
    if not is_button:  # a button payload is not words: the bot's own answer stands
        replies = crisis_first(text, replies, state.detector, state.crisis_reply)
    await record_started_audits(request, data.get("professional"), replies)
    return _chat_response(replies, degraded)
