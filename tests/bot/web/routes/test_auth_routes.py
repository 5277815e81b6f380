"""`/kirjaudu`, sessions, cookies, CSRF, roles, lock-out, password change, audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.store.models import StaffSession, StaffUser, utc_now
from bot.web.security_headers import SECURITY_HEADERS
from tests.staff import PASSWORD, csrf_of, log_actions, login, staff_app

FAILED = "Kirjautuminen ei onnistunut"


def test_login_form_has_the_three_fields_and_a_login_only_csrf_cookie(staff):
    response = staff.client.get("/kirjaudu")
    assert response.status_code == 200 and 'lang="fi"' in response.text
    for name in ('name="email"', 'name="password"', 'name="csrf_token"'):
        assert name in response.text
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/kirjaudu" in cookie
    assert "<script" not in response.text


def test_login_sets_an_httponly_strict_cookie_only_for_staff_paths(staff):
    response = login(staff.client, "tiina@keusote.example")
    assert response.status_code == 303 and response.headers["location"] == "/ammattilainen"
    cookie = next(c for c in response.headers.get_list("set-cookie")
                  if c.startswith("asumisbotti_staff="))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered
    assert "path=/ammattilainen" in lowered and "secure" not in lowered
    cookies = response.headers.get_list("set-cookie")
    paths = {c.lower().split("path=")[1].split(";")[0] for c in cookies
             if c.startswith("asumisbotti_staff=")}
    assert paths == {"/ammattilainen", "/hallinta"}
    assert staff.client.get("/ammattilainen").status_code == 200
    assert ("tiina@keusote.example", "login", "", "") in log_actions(staff.db)


def test_cookie_is_secure_when_the_setting_says_https(tmp_path):
    for setup in staff_app(f"sqlite:///{tmp_path / 'secure.db'}", secure_cookies=True):
        from tests.staff import add_user

        add_user(setup.db, "a@keusote.example", "ammattilainen")
        setup.client.base_url = "https://testserver"
        response = login(setup.client, "a@keusote.example")
        assert response.status_code == 303
        assert all("secure" in c.lower() for c in response.headers.get_list("set-cookie"))


def test_unknown_user_and_wrong_password_get_the_same_answer(staff):
    unknown = login(staff.client, "nobody@keusote.example")
    wrong = login(staff.client, "tiina@keusote.example", "Vaara-salasana-tassa")
    assert unknown.status_code == wrong.status_code == 401
    assert FAILED in unknown.text and FAILED in wrong.text
    strip = [line for line in unknown.text.splitlines() if "csrf" not in line]
    assert strip == [line for line in wrong.text.splitlines() if "csrf" not in line]
    actions = [a[1] for a in log_actions(staff.db)]
    assert actions.count("login_failed") == 2


def test_five_failures_lock_the_account_for_fifteen_minutes(staff):
    wrong = "Vaara-salasana-tassa"
    for _ in range(5):
        assert login(staff.client, "tiina@keusote.example", wrong).status_code == 401
    locked = login(staff.client, "tiina@keusote.example")  # right password, still locked
    assert locked.status_code == 401 and FAILED in locked.text
    assert "lockout" in [a[1] for a in log_actions(staff.db)]
    with staff.db.session() as session:
        session.execute(update(StaffUser).values(locked_until=utc_now() - timedelta(seconds=1)))
    assert login(staff.client, "tiina@keusote.example").status_code == 303


def test_too_many_attempts_from_one_address_are_rate_limited(staff):
    statuses = [login(staff.client, f"x{i}@keusote.example").status_code for i in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429


def test_login_without_the_form_token_is_refused(staff):
    response = staff.client.post("/kirjaudu", data={"email": "tiina@keusote.example",
                                                    "password": PASSWORD, "csrf_token": "x"})
    assert response.status_code == 400 and "Lomake vanhentui" in response.text


@pytest.mark.parametrize("path", ["/ammattilainen", "/ammattilainen/pyynnot/ABCDEFGH",
                                  "/ammattilainen/portaali", "/ammattilainen/kayttajat",
                                  "/ammattilainen/salasana", "/ammattilainen/vienti.csv"])
def test_no_session_redirects_to_login(staff, path):
    response = staff.client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/kirjaudu"


@pytest.mark.parametrize(("email", "path"), [
    ("admin@keusote.example", "/ammattilainen"),
    ("admin@keusote.example", "/ammattilainen/portaali"),
    ("tiina@keusote.example", "/ammattilainen/kayttajat"),
])
def test_wrong_role_gets_403(staff, email, path):
    login(staff.client, email)
    response = staff.client.get(path)
    assert response.status_code == 403 and "Ei käyttöoikeutta" in response.text


def test_form_post_without_csrf_token_is_403(staff):
    login(staff.client, "tiina@keusote.example")
    response = staff.client.post("/ammattilainen/ulos", data={})
    assert response.status_code == 403 and "Lomake vanhentui" in response.text
    assert staff.client.get("/ammattilainen").status_code == 200  # still logged in


def test_idle_session_expires_after_thirty_minutes(staff):
    login(staff.client, "tiina@keusote.example")
    with staff.db.session() as session:
        session.execute(update(StaffSession).values(
            last_seen_at=utc_now() - timedelta(minutes=31)))
    response = staff.client.get("/ammattilainen", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/kirjaudu"


def test_logout_ends_the_session(staff):
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen").text)
    response = staff.client.post("/ammattilainen/ulos", data={"csrf_token": token},
                                 follow_redirects=False)
    assert response.headers["location"] == "/kirjaudu?ulos=1"
    staff.client.cookies.clear()
    assert "Olet kirjautunut ulos" in staff.client.get("/kirjaudu?ulos=1").text
    with staff.db.session() as session:
        assert session.query(StaffSession).count() == 0


@pytest.mark.parametrize(("new", "problem"), [
    ("lyhyt", "liian lyhyt"),
    ("salasana12345", "liian yleinen"),
    ("qwerty123456!!", "liian yleinen"),
])
def test_password_change_refuses_short_and_common_passwords(staff, new, problem):
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen/salasana").text)
    response = staff.client.post("/ammattilainen/salasana", data={
        "csrf_token": token, "current": PASSWORD, "new": new, "repeat": new})
    assert response.status_code == 400 and problem in response.text


def test_password_change_works_and_the_new_password_logs_in(staff):
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen/salasana").text)
    new = "Uusi-pitka-lause-metsasta"
    response = staff.client.post("/ammattilainen/salasana", data={
        "csrf_token": token, "current": PASSWORD, "new": new, "repeat": new})
    assert response.status_code == 200 and "Salasana on vaihdettu" in response.text
    assert staff.client.get("/ammattilainen").status_code == 200  # this session stays
    staff.client.cookies.clear()
    assert login(staff.client, "tiina@keusote.example").status_code == 401
    assert login(staff.client, "tiina@keusote.example", new).status_code == 303
    assert "password_changed" in [a[1] for a in log_actions(staff.db)]


def test_staff_pages_keep_the_strict_security_headers(staff):
    login(staff.client, "tiina@keusote.example")
    for path in ("/kirjaudu", "/ammattilainen", "/ammattilainen/portaali"):
        response = staff.client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        assert response.headers["cache-control"] == "no-store"
        assert "<script" not in response.text and " style=" not in response.text
    assert "'unsafe-inline'" not in SECURITY_HEADERS["Content-Security-Policy"]


def test_the_public_chat_never_gets_the_staff_cookie(staff):
    login(staff.client, "tiina@keusote.example")
    sent = []
    staff.client.event_hooks["request"] = [lambda request: sent.append(request)]
    staff.client.get("/")
    staff.client.post("/api/chat", json={"sender": "a" * 32, "message": "hei"})
    assert sent and all("asumisbotti_staff" not in r.headers.get("cookie", "") for r in sent)
