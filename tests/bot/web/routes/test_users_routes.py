"""`/ammattilainen/kayttajat`: admins create accounts, change roles, disable."""

from __future__ import annotations

from tests.staff import csrf_of, log_actions, login

NEW_PASSWORD = "Pitka-ja-harvinainen-lause"


def _token(staff) -> str:
    login(staff.client, "admin@keusote.example")
    return csrf_of(staff.client.get("/ammattilainen/kayttajat").text)


def test_admin_creates_an_account_that_can_log_in(staff):
    token = _token(staff)
    response = staff.client.post("/ammattilainen/kayttajat", data={
        "csrf_token": token, "email": "Uusi@Keusote.example", "password": NEW_PASSWORD,
        "roles": ["ammattilainen", "editor"]})
    assert response.status_code == 200 and "Käyttäjä luotu" in response.text
    assert "uusi@keusote.example" in response.text
    assert ("admin@keusote.example", "user_created", "uusi@keusote.example",
            "ammattilainen,editor") in log_actions(staff.db)
    staff.client.cookies.clear()
    assert login(staff.client, "uusi@keusote.example", NEW_PASSWORD).status_code == 303


def test_common_password_and_duplicate_are_refused(staff):
    token = _token(staff)
    common = staff.client.post("/ammattilainen/kayttajat", data={
        "csrf_token": token, "email": "x@keusote.example", "password": "salasana123456",
        "roles": ["ammattilainen"]})
    assert common.status_code == 400 and "liian yleinen" in common.text
    duplicate = staff.client.post("/ammattilainen/kayttajat", data={
        "csrf_token": token, "email": "tiina@keusote.example", "password": NEW_PASSWORD,
        "roles": ["ammattilainen"]})
    assert duplicate.status_code == 400 and "on jo tunnus" in duplicate.text


def test_disabling_an_account_ends_its_login(staff):
    token = _token(staff)
    response = staff.client.post("/ammattilainen/kayttajat/tila", data={
        "csrf_token": token, "email": "tiina@keusote.example", "active": "0"})
    assert response.status_code == 200 and "Poistettu käytöstä" in response.text
    staff.client.cookies.clear()
    assert login(staff.client, "tiina@keusote.example").status_code == 401


def test_admin_cannot_disable_themself(staff):
    token = _token(staff)
    response = staff.client.post("/ammattilainen/kayttajat/tila", data={
        "csrf_token": token, "email": "admin@keusote.example", "active": "0"})
    assert response.status_code == 400


def test_roles_change_gives_access(staff):
    token = _token(staff)
    staff.client.post("/ammattilainen/kayttajat/roolit", data={
        "csrf_token": token, "email": "admin@keusote.example",
        "roles": ["admin", "ammattilainen"]})
    assert staff.client.get("/ammattilainen").status_code == 200
    assert ("admin@keusote.example", "user_roles", "admin@keusote.example",
            "admin,ammattilainen") in log_actions(staff.db)
