"""`/kartoitus/<code>`: the print-friendly audit summary; whoever has the code may delete it."""

from __future__ import annotations

import logging
import re

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.services.answer_messages import services_municipality
from bot.services.audit_summary import summary_view
from bot.web.deps import StateDep
from bot.web.pages import render

log = logging.getLogger(__name__)
router = APIRouter()
CODE = re.compile(r"^[A-Z0-9]{8}$")


NO_STORE = {"Cache-Control": "no-store"}


def _message(message: str, texts: dict, status: int) -> HTMLResponse:
    """Not found, deleted or unavailable."""
    return render("summary_message.html", status, NO_STORE, texts=texts, message=message)


@router.get("/kartoitus/{code}", response_class=HTMLResponse)
def show_summary(code: str, state: StateDep) -> HTMLResponse:
    """The summary, or a Finnish 404 page when the code is unknown or expired."""
    texts = state.texts.summary
    if not CODE.match(code):
        return _message(texts["not_found"], texts, 404)
    try:
        audit = state.audits.get(code)
        if audit is None:
            return _message(texts["not_found"], texts, 404)
        definition = state.audit_definition.get()
        categories = definition.levels[audit.level].services
        services = state.content.services(services_municipality(audit.municipality), categories)
    except SQLAlchemyError as exc:
        log.error("audit summary unavailable: %s", type(exc).__name__)
        return _message(texts["unavailable"], texts, 503)
    view = summary_view(audit, definition, services, texts)
    return render("summary.html", 200, NO_STORE, texts=texts, view=view)


@router.post("/kartoitus/{code}/poista", response_class=HTMLResponse)
def delete_summary_form(code: str, state: StateDep) -> HTMLResponse:
    """The delete button of the page (HTML forms cannot send DELETE)."""
    texts = state.texts.summary
    deleted = _delete(code, state)
    if deleted is None:
        return _message(texts["unavailable"], texts, 503)
    message = texts["deleted"] if deleted else texts["not_found"]
    return _message(message, texts, 200 if deleted else 404)


@router.delete("/kartoitus/{code}")
def delete_summary(code: str, state: StateDep) -> Response:
    """API form of deletion: 204 when deleted, 404 when there was nothing."""
    deleted = _delete(code, state)
    if deleted is None:
        return Response(status_code=503)
    return Response(status_code=204 if deleted else 404)


def _delete(code: str, state) -> bool | None:
    if not CODE.match(code):
        return False
    try:
        return state.audits.delete(code)
    except SQLAlchemyError as exc:
        log.error("audit summary not deleted: %s", type(exc).__name__)
        return None
