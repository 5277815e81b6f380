"""`/hallinta/saapuneet`: the unanswered-message inbox for editors and admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse

from bot.domain_files import load_domain
from bot.services import inbox
from bot.services.auth import Identity
from bot.services.topics import default_catalogue
from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_any_role,
    staff_page,
)

router = APIRouter(prefix=f"{ADMIN_PATH}/saapuneet",
                   dependencies=[Depends(require_any_role(*EDITOR_ROLES))])

IdsForm = Annotated[list[str] | None, Form()]


def intent_choices(staff: StaffState) -> list[tuple[str, str]]:
    """(intent, label) of the domain's intents: topics by their title first, then the rest."""
    titles = default_catalogue().titles
    names = [str(n) for n in load_domain(staff.settings.domain_path).get("intents", [])
             if str(n) not in inbox.IGNORED_INTENTS]
    topics = sorted((n for n in names if n in titles), key=lambda n: titles[n])
    others = sorted(n for n in names if n not in titles)
    return [(n, f"{titles[n]} ({n})") for n in topics] + [(n, n) for n in others]


def _page(staff: StaffState, identity: Identity, status: int = 200, message: str = "",
          info: str = "") -> HTMLResponse:
    view = inbox.inbox_view(staff.database, user_id=identity.id)
    return staff_page("staff/admin/inbox.html", staff, identity, status, view=view,
                      intents=intent_choices(staff), message=message, info=info,
                      retention_days=staff.settings.unanswered_retention_days)


def _result(staff: StaffState, identity: Identity, problem: str | None, done: str
            ) -> HTMLResponse:
    """The page again: with the problem (400) or with what was done."""
    texts = staff.texts["admin_inbox"]
    if problem:
        return _page(staff, identity, 400, message=texts["problems"][problem])
    return _page(staff, identity, info=texts["done"][done])


@router.get("", response_class=HTMLResponse)
def inbox_page(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Waiting messages grouped by similar text, newest first, and the assigned counts."""
    return _page(staff, identity)


@router.post("/liita", response_class=HTMLResponse)
def assign(identity: CsrfDep, staff: StaffDep, ids: IdsForm = None,
           intent: Annotated[str, Form(max_length=64)] = "") -> HTMLResponse:
    """Assign a group to an intent (for `asumisbotti nlu export-candidates`)."""
    valid = [name for name, _ in intent_choices(staff)]
    problem = inbox.assign(staff.database, ids=ids or [], intent=intent, intents=valid,
                           actor=identity.email)
    return _result(staff, identity, problem, "assign")


@router.post("/ulkopuolinen", response_class=HTMLResponse)
def out_of_scope(identity: CsrfDep, staff: StaffDep, ids: IdsForm = None) -> HTMLResponse:
    """Mark a group as outside what the bot is for."""
    problem = inbox.mark_out_of_scope(staff.database, ids=ids or [], actor=identity.email)
    return _result(staff, identity, problem, "out_of_scope")


@router.post("/poista", response_class=HTMLResponse)
def delete(identity: CsrfDep, staff: StaffDep, ids: IdsForm = None) -> HTMLResponse:
    """Delete a group's messages."""
    problem = inbox.delete(staff.database, ids=ids or [], actor=identity.email)
    return _result(staff, identity, problem, "delete")
