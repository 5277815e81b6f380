"""Staff access as a dependency chain: staff state → current user → role check; CSRF."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.config import Settings
from bot.services import auth
from bot.services.auth import Identity, LoginGuard
from bot.store.db import Database
from bot.web.pages import render
from bot.yaml_files import read_yaml

SESSION_COOKIE = "asumisbotti_staff"
STAFF_PATH = "/ammattilainen"  # the professionals' pages
ADMIN_PATH = "/hallinta"  # the editors' and admins' pages
# The session cookie is set once per staff path: the resident chat never receives it.
SESSION_COOKIE_PATHS = (STAFF_PATH, ADMIN_PATH)
EDITOR_ROLES = ("admin", "editor")
NO_STORE = {"Cache-Control": "no-store"}


@dataclass
class StaffState:
    """What the staff routes share; stored on `app.state.staff`."""

    settings: Settings
    database: Database
    texts: dict[str, Any]
    guard: LoginGuard


def load_staff_texts(path: Path) -> dict[str, Any]:
    """The staff pages' Finnish texts (data/content/staff.yml)."""
    return read_yaml(path)


class LoginRequired(Exception):
    """No valid session: the handler redirects to /kirjaudu."""


class Forbidden(Exception):
    """Logged in, but without the role: the handler renders 403."""


class CsrfFailed(Exception):
    """A form without the session's CSRF token: the handler renders 403."""


def get_staff(request: Request) -> StaffState:
    """The staff state of the app."""
    return request.app.state.staff


StaffDep = Annotated[StaffState, Depends(get_staff)]


def current_identity(request: Request, staff: StaffDep) -> Identity:
    """The logged-in user of the session cookie; otherwise redirect to the login page."""
    token = request.cookies.get(SESSION_COOKIE, "")
    identity = auth.identify(staff.database, token=token, settings=staff.settings)
    if identity is None:
        raise LoginRequired
    return identity


IdentityDep = Annotated[Identity, Depends(current_identity)]


def require_role(role: str) -> Callable[[Identity], Identity]:
    """A dependency that lets only users with `role` through (403 otherwise)."""

    def check(identity: IdentityDep) -> Identity:
        if not identity.has(role):
            raise Forbidden
        return identity

    return check


def require_any_role(*roles: str) -> Callable[[Identity], Identity]:
    """A dependency that lets through users with at least one of `roles` (403 otherwise)."""

    def check(identity: IdentityDep) -> Identity:
        if not any(identity.has(role) for role in roles):
            raise Forbidden
        return identity

    return check


def check_csrf(identity: IdentityDep, csrf_token: Annotated[str, Form()] = "") -> Identity:
    """Every staff form carries the session's CSRF token."""
    if not csrf_token or not hmac.compare_digest(csrf_token, identity.csrf_token):
        raise CsrfFailed
    return identity


CsrfDep = Annotated[Identity, Depends(check_csrf)]


def staff_page(name: str, staff: StaffState, identity: Identity | None, status: int = 200,
               **context: Any) -> HTMLResponse:
    """Render a staff template with the texts, the user and the header counts."""
    from bot.services import inbox
    from bot.services.queue import new_count

    count = new_count(staff.database) if identity and identity.has("ammattilainen") else 0
    inbox_new = 0
    if identity is not None and any(identity.has(role) for role in EDITOR_ROLES):
        inbox_new = inbox.new_count(staff.database, user_id=identity.id)
    return render(name, status, NO_STORE, t=staff.texts, user=identity, new_count=count,
                  inbox_new=inbox_new, **context)


def install_staff_handlers(app: FastAPI) -> None:
    """Login redirects and Finnish 403 pages for the staff routes."""

    @app.exception_handler(LoginRequired)
    async def _login(_: Request, __: LoginRequired) -> RedirectResponse:
        return RedirectResponse("/kirjaudu", status_code=303, headers=NO_STORE)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, __: Forbidden) -> HTMLResponse:
        staff = get_staff(request)
        return staff_page("staff/message.html", staff, None, 403,
                          title=staff.texts["forbidden"]["title"],
                          message=staff.texts["forbidden"]["text"])

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, __: CsrfFailed) -> HTMLResponse:
        staff = get_staff(request)
        return staff_page("staff/message.html", staff, None, 403,
                          title=staff.texts["csrf_failed"]["title"],
                          message=staff.texts["csrf_failed"]["text"])
