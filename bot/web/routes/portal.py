"""`/ammattilainen/portaali`: start an audit with a client, open a summary, my recent codes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.security import portal_token
from bot.services import portal
from bot.web.routes.deps import (
    STAFF_PATH,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_role,
    staff_page,
)

router = APIRouter(prefix=f"{STAFF_PATH}/portaali",
                   dependencies=[Depends(require_role("ammattilainen"))])
START_CHAT = "/?tila=ammattilainen"


def _page(staff: StaffState, identity, status: int = 200, message: str = "", code: str = ""
          ) -> HTMLResponse:
    recent = portal.recent_audits(staff.database, identity=identity)
    # The token rides in the fragment: the chat page request never carries it to a log.
    token = portal_token.issue(identity.id, staff.settings.session_secret)
    return staff_page("staff/portal.html", staff, identity, status, recent=recent,
                      message=message, code=code, start_chat=f"{START_CHAT}#t={token}")


@router.get("", response_class=HTMLResponse)
def portal_home(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """The professional's tools."""
    return _page(staff, identity)


@router.post("/avaa")
def open_summary(identity: CsrfDep, staff: StaffDep,
                 code: Annotated[str, Form(max_length=32)] = "") -> Response:
    """Open a summary by its code (a professional-mode one joins my recent list)."""
    code = code.strip().upper().replace(" ", "")
    if len(code) != 8 or not code.isalnum() or not portal.open_code(
        staff.database, code=code, identity=identity
    ):
        return _page(staff, identity, 404, staff.texts["portal"]["not_found"], code[:8])
    return RedirectResponse(f"/kartoitus/{code}", status_code=303)
