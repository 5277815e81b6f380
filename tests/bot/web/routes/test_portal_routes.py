"""`/ammattilainen/portaali`: start link, open a summary by code, my recent codes."""

from __future__ import annotations

import re

from bot.security import portal_token
from bot.store import audit_results, users
from tests.staff import csrf_of, log_actions, login


def _audit(db, mode: str) -> str:
    return audit_results.create(
        db=db,
        mode=mode, municipality="Kerava", answers={"k01_asuminen": "kaverin_luona"},
        level="korkea", total=15, reasons=["Asut tilapäisesti kaverin luona."],
        professional_consent="kyllä" if mode == "ammattilainen" else "", retention_days=30)


def test_portal_home_starts_the_chat_in_professional_mode(staff):
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get("/ammattilainen/portaali").text
    assert "Aloita kartoitus asiakkaan kanssa" in page
    token = re.search(r'href="/\?tila=ammattilainen#t=([^"]+)"', page).group(1)
    with staff.db.session() as session:
        tiina = users.get_by_email(session=session, email="tiina@keusote.example")
    assert portal_token.verify(token, "") == tiina.id


def _chat(staff, token, reply_text):
    from tests.bot.web.conftest import SENDER

    rasa = staff.client.app.state.bot.rasa
    replies = [{"recipient_id": SENDER, "text": reply_text}]
    original = rasa.send

    async def send(sender, text):
        return replies

    rasa.send = send
    try:
        return staff.client.post("/api/chat", json={"sender": SENDER, "message": "kyllä",
                                                    "professional": token})
    finally:
        rasa.send = original


def test_audit_run_from_the_portal_link_is_listed_for_the_professional(staff):
    code = _audit(staff.db, "ammattilainen")
    resident = _audit(staff.db, "itse")
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get("/ammattilainen/portaali").text
    token = re.search(r'#t=([^"]+)"', page).group(1)
    assert _chat(staff, "1.99999999999.forged", f"Yhteenveto: /kartoitus/{code}").status_code == 200
    assert code not in staff.client.get("/ammattilainen/portaali").text
    reply = f"Tulostettava yhteenveto: /kartoitus/{code} ja /kartoitus/{resident}"
    response = _chat(staff, token, reply)
    assert response.status_code == 200 and "set-cookie" not in response.headers
    page = staff.client.get("/ammattilainen/portaali").text
    assert code in page and resident not in page


def test_opening_a_professional_code_redirects_and_lists_it(staff):
    code = _audit(staff.db, "ammattilainen")
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen/portaali").text)
    response = staff.client.post("/ammattilainen/portaali/avaa",
                                 data={"csrf_token": token, "code": code.lower()},
                                 follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/kartoitus/{code}"
    page = staff.client.get("/ammattilainen/portaali").text
    assert code in page and "korkea" in page and "Kerava" not in page
    assert ("tiina@keusote.example", "summary_opened", code, "") in log_actions(staff.db)


def test_a_residents_own_audit_is_not_added_to_the_list(staff):
    code = _audit(staff.db, "itse")
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen/portaali").text)
    staff.client.post("/ammattilainen/portaali/avaa", data={"csrf_token": token, "code": code},
                      follow_redirects=False)
    assert code not in staff.client.get("/ammattilainen/portaali").text


def test_unknown_code_says_so(staff):
    login(staff.client, "tiina@keusote.example")
    token = csrf_of(staff.client.get("/ammattilainen/portaali").text)
    response = staff.client.post("/ammattilainen/portaali/avaa",
                                 data={"csrf_token": token, "code": "ZZZZ9999"})
    assert response.status_code == 404 and "Koodilla ei löytynyt" in response.text
