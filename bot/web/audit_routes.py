"""`/kartoitus/<code>`: the print-friendly audit summary; whoever has the code may delete it."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from bot.services import audit_summary_pages as summary_pages
from bot.web.deps import StateDep
from bot.web.pages import render

router = APIRouter()


NO_STORE = {"Cache-Control": "no-store"}


def _message(message: str, texts: dict, status: int) -> HTMLResponse:
    """Not found, deleted or unavailable."""
    return render("summary_message.html", status, NO_STORE, texts=texts, message=message)


@router.get("/kartoitus/{code}", response_class=HTMLResponse)
def show_summary(code: str, state: StateDep) -> HTMLResponse:
    """The summary, or a Finnish 404 page when the code is unknown or expired."""
    texts = state.texts.summary
    outcome = summary_pages.show_summary(
        db=state.db, code=code, definition=state.audit_definition.get(), texts=texts
    )
    if outcome.view is not None:
        return render("summary.html", 200, NO_STORE, texts=texts, view=outcome.view)
    if outcome.status == summary_pages.UNAVAILABLE:
        return _message(texts["unavailable"], texts, 503)
    return _message(texts["not_found"], texts, 404)


@router.post("/kartoitus/{code}/poista", response_class=HTMLResponse)
def delete_summary_form(code: str, state: StateDep) -> HTMLResponse:
    """The delete button of the page (HTML forms cannot send DELETE)."""
    texts = state.texts.summary
    outcome = summary_pages.delete_summary(db=state.db, code=code)
    if outcome.status == summary_pages.UNAVAILABLE:
        return _message(texts["unavailable"], texts, 503)
    if outcome.status == summary_pages.DELETED:
        return _message(texts["deleted"], texts, 200)
    return _message(texts["not_found"], texts, 404)


@router.delete("/kartoitus/{code}")
def delete_summary(code: str, state: StateDep) -> Response:
    """API form of deletion: 204 when deleted, 404 when there was nothing."""
    status = summary_pages.delete_summary(db=state.db, code=code).status
    codes = {summary_pages.DELETED: 204, summary_pages.UNAVAILABLE: 503}
    return Response(status_code=codes.get(status, 404))
