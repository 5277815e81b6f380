"""`POST /api/chat`: checks the message, forwards it to Rasa, never loses a crisis."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.audit.definition import Question
from bot.services.button_payloads import all_payloads
from bot.services.content import Reply
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.message_check import check_sender, clean_message, readable_text, screen_payload
from bot.services.replies import crisis_first, replies_from_rasa
from bot.services.topics import default_catalogue
from bot.web.chat_stats import record_chat_turn
from bot.web.deps import AppState, StateDep
from bot.web.professional_link import record_started_audits
from bot.web.rasa_client import RasaUnavailable
from bot.web.sender_queue import SenderBusy, SenderQueue

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
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: deep nesting
        return None, "invalid_input", body.decode("utf-8", errors="replace")


def _as_text(value: object) -> str | None:
    """A JSON string as valid text: a lone surrogate (`"\\ud800"`) becomes U+FFFD, which the
    message check refuses; anything but a string is None."""
    if not isinstance(value, str):
        return None
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# (domain path, audit questions) -> payloads: building the set reads the domain files (~80 ms),
# so it is built again only when an admin has changed the audit's questions.
_payload_cache: dict[Path, tuple[tuple[Question, ...], frozenset[str]]] = {}


def _own_payloads(state: AppState) -> frozenset[str]:
    """Payloads of every button the bot shows, with the audit questions in use right now."""
    definition = state.audit_definition.get()
    cached = _payload_cache.get(state.settings.domain_path)
    if cached and (cached[0] is definition.questions or cached[0] == definition.questions):
        return cached[1]
    payloads = all_payloads(
        definition, default_dialogue_texts(), default_catalogue(), state.settings.domain_path
    )
    _payload_cache[state.settings.domain_path] = (definition.questions, payloads)
    return payloads


async def _default_answer(state: AppState, sender: str, text: str, sent_at: float) -> list[Reply]:
    """The domain default of the topic Rasa recognised, when the action server gave nothing;
    RasaUnavailable when Rasa did not store the message at all (its Redis or database down)."""
    turn = await state.rasa.last_turn(sender)
    if turn is None or not turn.recorded(text, sent_at):
        raise RasaUnavailable("message not stored")
    default = state.topic_defaults.get(turn.intent or "")
    return [default] if default else [Reply(text=state.texts.no_reply)]


async def _ask_rasa(state: AppState, sender: str, text: str) -> tuple[list[Reply], bool]:
    """Rasa's replies and whether the answer is degraded (Rasa unreachable)."""
    try:
        sent_at = time.time()
        replies = replies_from_rasa(await state.rasa.send(sender, text))
        if not replies:  # the action server is down: the topic's default, or a notice
            replies = await _default_answer(state, sender, text, sent_at)
        return replies, False
    except RasaUnavailable as exc:
        # Log the failure kind only: never the text together with the sender id.
        log.warning("rasa unavailable: %s", exc)
        return [Reply(text=state.texts.degraded)], True


def _sender_queue(request: Request) -> SenderQueue:
    """The app's per-sender queue (created on first use)."""
    queue = getattr(request.app.state, "sender_queue", None)
    if queue is None:
        queue = request.app.state.sender_queue = SenderQueue()
    return queue


@router.post("/api/chat")
async def chat(request: Request, state: StateDep) -> JSONResponse:
    """Answer one chat message; degrade to the crisis answer or a notice if Rasa is down."""
    data, problem, raw = await _read_json(request, state.settings.max_body_bytes)
    if problem == "too_long":  # the rest of the body is unread: the connection cannot be reused
        refused = _refuse(state, problem, 413, raw)
        refused.headers["Connection"] = "close"
        return refused
    if problem:
        return _refuse(state, problem, 400, raw)
    if not isinstance(data, dict):
        return _refuse(state, "invalid_input", 400, None)
    message = _as_text(data.get("message"))
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
        async with _sender_queue(request).turn(data["sender"]):
            replies, degraded = await _ask_rasa(state, data["sender"], text)
    except SenderBusy:
        return _refuse(state, "rate_limited", 429, text)
    if not is_button:  # a button payload is not words: the bot's own answer stands
        replies = crisis_first(text, replies, state.detector, state.crisis_reply)
    record_chat_turn(request, data["sender"], replies)  # anonymous statistics, never fails
    await record_started_audits(request, data.get("professional"), replies)
    return _chat_response(replies, degraded)
