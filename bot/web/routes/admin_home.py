"""`/hallinta`: the editors' and admins' front page, a link to each tool they may use."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    IdentityDep,
    StaffDep,
    require_any_role,
    staff_page,
)

router = APIRouter(prefix=ADMIN_PATH, dependencies=[Depends(require_any_role(*EDITOR_ROLES))])


@router.get("", response_class=HTMLResponse)
def admin_home(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """The tools of the admin area, those the user's roles allow."""
    tools = [tool for tool in staff.texts["admin"]["tools"]
             if any(identity.has(role) for role in tool["roles"])]
    return staff_page("staff/admin/home.html", staff, identity, tools=tools)
