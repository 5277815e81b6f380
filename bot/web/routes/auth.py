"""`/kirjaudu`, logout and password change."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.services import auth
from bot.services.auth import Identity
from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    NO_STORE,
    SESSION_COOKIE,
    SESSION_COOKIE_PATHS,
    STAFF_PATH,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    current_identity,
    staff_page,
)

LOGIN_PATH = "/kirjaudu"
LOGIN_CSRF_COOKIE = "asumisbotti_login_csrf"

public = APIRouter()
account = APIRouter(prefix=STAFF_PATH, dependencies=[Depends(current_identity)])


def _cookie(response: Response, staff: StaffState, name: str, value: str, path: str) -> None:
    response.set_cookie(name, value, path=path, httponly=True, samesite="strict",
                        secure=staff.settings.secure_cookies)


def _forget(response: Response, staff: StaffState, name: str, path: str) -> None:
    response.delete_cookie(name, path=path, httponly=True, samesite="strict",
                           secure=staff.settings.secure_cookies)


def _login_page(staff: StaffState, status: int = 200, message: str = "", info: str = ""
                ) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = staff_page("staff/login.html", staff, None, status, csrf_token=token,
                          message=message, info=info)
    _cookie(response, staff, LOGIN_CSRF_COOKIE, token, LOGIN_PATH)
    return response


@public.get(LOGIN_PATH, response_class=HTMLResponse)
def login_form(staff: StaffDep, ulos: str = "") -> HTMLResponse:
    """The login form (a fresh CSRF token in a cookie and the form)."""
    return _login_page(staff, info=staff.texts["login"]["logged_out"] if ulos else "")


def home_of(identity_roles: tuple[str, ...]) -> str:
    """Where a user lands after login."""
    if "ammattilainen" in identity_roles:
        return STAFF_PATH
    if any(role in identity_roles for role in EDITOR_ROLES):
        return ADMIN_PATH
    return f"{STAFF_PATH}/salasana"


@public.post(LOGIN_PATH, response_class=HTMLResponse)
def login(
    request: Request,
    staff: StaffDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    """Check the form; one message for unknown user, wrong password and a locked account."""
    texts = staff.texts["login"]
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return _login_page(staff, 400, texts["expired"])
    address = request.client.host if request.client else "unknown"
    outcome = auth.login(staff.database, email=email, password=password, address=address,
                         settings=staff.settings, guard=staff.guard)
    if not outcome.ok:
        status = 429 if outcome.problem == "rate_limited" else 401
        return _login_page(staff, status, texts[outcome.problem])
    identity = auth.identify(staff.database, token=outcome.token, settings=staff.settings)
    target = home_of(identity.roles if identity else ())
    response = RedirectResponse(target, status_code=303, headers=NO_STORE)
    for path in SESSION_COOKIE_PATHS:
        _cookie(response, staff, SESSION_COOKIE, outcome.token, path)
    _forget(response, staff, LOGIN_CSRF_COOKIE, LOGIN_PATH)
    return response


@account.post("/ulos")
def logout(identity: CsrfDep, staff: StaffDep) -> Response:
    """End the session and clear the cookie."""
    auth.logout(staff.database, identity=identity)
    response = RedirectResponse(f"{LOGIN_PATH}?ulos=1", status_code=303, headers=NO_STORE)
    for path in SESSION_COOKIE_PATHS:
        _forget(response, staff, SESSION_COOKIE, path)
    return response


def _password_page(staff: StaffState, identity: Identity, status: int = 200,
                   message: str = "", done: bool = False) -> HTMLResponse:
    return staff_page("staff/password.html", staff, identity, status, message=message,
                      done=done, min_length=staff.settings.min_password_length)


@account.get("/salasana", response_class=HTMLResponse)
def password_form(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """The password change form."""
    return _password_page(staff, identity)


@account.post("/salasana", response_class=HTMLResponse)
def change_password(
    identity: CsrfDep,
    staff: StaffDep,
    current: Annotated[str, Form(max_length=1024)] = "",
    new: Annotated[str, Form(max_length=1024)] = "",
    repeat: Annotated[str, Form(max_length=1024)] = "",
) -> HTMLResponse:
    """Change the own password; other sessions are logged out."""
    problem = auth.change_password(staff.database, identity=identity, current=current, new=new,
                                   repeat=repeat, settings=staff.settings)
    if problem:
        return _password_page(staff, identity, 400, staff.texts["password"]["problems"][problem])
    return _password_page(staff, identity, done=True)
