"""Staff pages in Chromium: axe (WCAG 2.2 AA tags) on each page, the team's daily flow."""

from __future__ import annotations

import time

from bot.store import audit_results
from tests.browser.conftest import check_axe, staff_login
from tests.staff import PASSWORD, add_request


def test_login_page_is_accessible_and_rejects_wrong_password(page, live_server):
    page.goto("/kirjaudu")
    check_axe(page, live_server, "kirjaudu")
    page.get_by_label("Sähköposti").fill("tiina@keusote.example")
    page.get_by_label("Salasana").fill("Vaara-salasana-tassa")
    page.get_by_role("button", name="Kirjaudu").click()
    assert page.get_by_role("alert").inner_text().startswith("Kirjautuminen ei onnistunut")
    check_axe(page, live_server, "kirjaudu-virhe")


def test_team_flow_queue_email_take_and_handle(page, live_server):
    started = time.monotonic()
    code = add_request(live_server.db, "Kerava")
    staff_login(page, "tiina@keusote.example", PASSWORD)
    assert page.get_by_role("link", name=code).is_visible()
    assert "uutta" in page.get_by_role("navigation").inner_text()
    check_axe(page, live_server, "jono")
    mails = live_server.smtp.sink.wait_for(1)
    assert any(code in message["Subject"] for _, message in mails)

    page.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/pyynnot/{code}")
    check_axe(page, live_server, "pyynto")
    page.get_by_role("button", name="Ota minulle").click()
    assert "Työn alla" in page.locator("dl").inner_text()
    page.get_by_label("Hoidettu").check()
    page.get_by_label("Muistiinpano (vapaaehtoinen)").fill("Soitettu, asia ohjattu sossuun.")
    page.get_by_role("button", name="Tallenna").click()
    history = page.get_by_role("table", name="Pyynnön muutokset, vanhin ensin").inner_text()
    assert "Otti pyynnön" in history and "Hoidettu" in history
    check_axe(page, live_server, "pyynto-hoidettu")
    live_server.timings["tiimin polku: kirjautuminen → jono → otto → hoidettu"] = (
        time.monotonic() - started)


def test_portal_home_and_summary_by_code(page, live_server):
    code = audit_results.create(
        db=live_server.db,
        mode="ammattilainen", municipality="Tuusula",
        answers={"k01_asuminen": "kaverin_luona", "k05_rastit": "yli_kaksi_kk"},
        level="korkea", total=15, reasons=["Asiakas asuu tilapäisesti kaverin luona."],
        professional_consent="kyllä", retention_days=30)
    staff_login(page, "tiina@keusote.example", PASSWORD)
    page.get_by_role("link", name="Ammattilaisen työkalut").click()
    check_axe(page, live_server, "portaali")
    page.get_by_label("Kartoituksen koodi").fill(code)
    page.get_by_role("button", name="Avaa yhteenveto").click()
    page.wait_for_url(f"**/kartoitus/{code}")
    check_axe(page, live_server, "yhteenveto")
    page.goto("/ammattilainen/portaali")
    assert code in page.get_by_role("table", name="Kartoituksesi").inner_text()


def test_users_page_for_admins(page, live_server):
    staff_login(page, "admin@keusote.example", PASSWORD)
    assert page.url.endswith("/hallinta")
    check_axe(page, live_server, "hallinta")
    page.get_by_role("link", name="Käyttäjät").click()
    page.wait_for_url("**/ammattilainen/kayttajat")
    check_axe(page, live_server, "kayttajat")


def test_queue_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    phone = context.new_page()
    add_request(live_server.db, "Mäntsälä")
    staff_login(phone, "tiina@keusote.example", PASSWORD)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.screenshot(path="reports/screenshots/jono-puhelin.png", full_page=True)
    context.close()
    assert overflow <= 0


def test_chat_page_is_accessible_before_and_after_a_message(page, live_server):
    page.goto("/")
    check_axe(page, live_server, "chat-alku")
    page.get_by_label("Kirjoita viestisi").fill("mulla on vuokra rästissä")
    page.get_by_label("Kirjoita viestisi").press("Enter")
    page.get_by_text("Vastaus").last.wait_for()
    check_axe(page, live_server, "chat-viestin-jalkeen")


def test_axe_really_reports_violations(page, live_server):
    from axe_playwright_python.sync_playwright import Axe

    page.set_content("<html><body><img src='/static/x.png'><input type='text'></body></html>")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a"]}})
    assert results.violations_count >= 2  # missing lang, alt text and label


def test_portal_starts_the_audit_in_professional_mode(page, live_server):
    staff_login(page, "tiina@keusote.example", PASSWORD)
    page.goto("/ammattilainen/portaali")
    before = len(live_server.rasa.received)
    page.get_by_role("link", name="Aloita kartoitus asiakkaan kanssa").click()
    page.get_by_text("Vastaus").first.wait_for()
    deadline = time.monotonic() + 5
    while len(live_server.rasa.received) < before + 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    sent = [m["message"] for m in live_server.rasa.received[before:]]
    assert sent == ["/start_audit", '/valinta{"valinta":"kartoitus_tila:ammattilainen"}']
    assert page.locator(".msg.bot").count() == 1  # the mode question was answered for them
    assert page.url.endswith("/")  # the token left the address bar
    code = audit_results.create(
        db=live_server.db,
        mode="ammattilainen", municipality="Kerava", answers={}, level="kohonnut", total=6,
        reasons=[], professional_consent="ei", retention_days=30)
    original = live_server.rasa.reply
    live_server.rasa.reply = [{"text": f"Tulostettava yhteenveto: /kartoitus/{code}"}]
    try:
        page.get_by_label("Kirjoita viestisi").fill("ei")
        page.get_by_label("Kirjoita viestisi").press("Enter")
        page.get_by_role("link", name=f"/kartoitus/{code}").wait_for()
    finally:
        live_server.rasa.reply = original
    page.goto("/ammattilainen/portaali")
    listed = page.get_by_role("table", name="Kartoituksesi").inner_text()
    assert code in listed and "kohonnut" in listed
