"""`/ammattilainen/kayttajat`: admins create accounts, change roles, disable and enable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse

from bot.services import users
from bot.store.users import ROLES
from bot.web.routes.deps import (
    STAFF_PATH,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_role,
    staff_page,
)

router = APIRouter(prefix=f"{STAFF_PATH}/kayttajat", dependencies=[Depends(require_role("admin"))])


def _page(staff: StaffState, identity, status: int = 200, message: str = "", info: str = ""
          ) -> HTMLResponse:
    return staff_page("staff/users.html", staff, identity, status,
                      accounts=users.list_users(staff.database), roles=ROLES, message=message,
                      info=info, min_length=staff.settings.min_password_length)


def _result(staff: StaffState, identity, problem: str | None, done: str) -> HTMLResponse:
    """The page again: with the problem (400) or with what was done."""
    texts = staff.texts["users"]
    if problem:
        return _page(staff, identity, 400, texts["problems"][problem])
    return _page(staff, identity, info=texts[done])


@router.get("", response_class=HTMLResponse)
def users_page(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every account with its roles and state, and the form for a new one."""
    return _page(staff, identity)


@router.post("", response_class=HTMLResponse)
def create(
    identity: CsrfDep,
    staff: StaffDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    roles: Annotated[list[str] | None, Form()] = None,
) -> HTMLResponse:
    """Create an account with an initial password."""
    problem = users.create_user(staff.database, email=email, password=password,
                                roles=roles or [], actor=identity.email,
                                min_length=staff.settings.min_password_length)
    return _result(staff, identity, problem, "created")


@router.post("/roolit", response_class=HTMLResponse)
def change_roles(
    identity: CsrfDep,
    staff: StaffDep,
    email: Annotated[str, Form(max_length=254)] = "",
    roles: Annotated[list[str] | None, Form()] = None,
) -> HTMLResponse:
    """Replace an account's roles."""
    problem = users.set_roles(staff.database, email=email, roles=roles or [],
                              actor=identity.email)
    return _result(staff, identity, problem, "updated")


@router.post("/tila", response_class=HTMLResponse)
def change_state(
    identity: CsrfDep,
    staff: StaffDep,
    email: Annotated[str, Form(max_length=254)] = "",
    active: Annotated[str, Form(max_length=8)] = "",
) -> HTMLResponse:
    """Disable or enable an account (not one's own)."""
    texts = staff.texts["users"]
    if email.strip().lower() == identity.email and active != "1":
        return _page(staff, identity, 400, texts["problems"]["self_disable"])
    if not users.set_active(staff.database, email=email, active=active == "1",
                            actor=identity.email):
        return _page(staff, identity, 404, texts["problems"]["unknown"])
    return _page(staff, identity, info=texts["updated"])
