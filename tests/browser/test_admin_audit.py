"""Audit settings in Chromium: an admin edits a question and a cut-off, an invalid change is
refused with its reason, history and rollback; axe on every page; usable on a phone."""

from __future__ import annotations

import re

from bot.store import audit_definitions
from tests.browser.conftest import check_axe
from tests.staff import PASSWORD

SAVE = "Tallenna uutena versiona"


def admin_login(page) -> None:
    """Log the admin in with the keyboard; admins land on /hallinta."""
    page.goto("/kirjaudu")
    page.get_by_label("Sähköposti").fill("admin@keusote.example")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_label("Salasana").press("Enter")
    page.wait_for_url("**/hallinta")


def saved_version(page) -> int:
    status = page.get_by_role("status").inner_text()
    match = re.search(r"Tallennettu versiona (\d+)", status)
    assert match, status
    return int(match.group(1))


def test_admin_edits_the_audit_and_rolls_back(page, live_server):
    first = audit_definitions.get(db=live_server.db)["version"]
    admin_login(page)
    page.get_by_role("link", name="Kartoituksen asetukset").click()
    page.wait_for_url("**/hallinta/kartoitus")
    check_axe(page, live_server, "kartoitus-asetukset")

    page.get_by_label("Korkean riskin raja (pistettä vähintään)").fill("17")
    page.get_by_label("Muutoksen syy (vapaaehtoinen)").fill("Pilotin havainto")
    page.get_by_role("button", name=SAVE).click()
    cut_off = saved_version(page)
    assert audit_definitions.get(db=live_server.db)["cutoffs"]["korkea"] == 17

    page.get_by_role("link", name="Muokkaa kysymystä 1", exact=True).click()
    page.wait_for_url("**/kysymys/k01_asuminen")
    check_axe(page, live_server, "kartoitus-kysymys")
    page.get_by_label("Kysymys asukkaalle").fill("Missä sinä asut tai yövyt nyt?")
    page.get_by_role("button", name=SAVE).click()
    assert saved_version(page) == cut_off + 1
    stored = audit_definitions.get(db=live_server.db)
    assert stored["questions"][0]["text"] == "Missä sinä asut tai yövyt nyt?"

    page.goto("/hallinta/kartoitus/kysymys/k04_vuokrasuhde")
    court = page.get_by_role("group", name="Vaihtoehto: Häätöhakemus käräjäoikeudessa")
    court.get_by_label("Pisteet").fill("0")
    court.get_by_label("Pohjataso").select_option("")
    page.get_by_role("button", name=SAVE).click()
    alert = " ".join(page.get_by_role("alert").inner_text().split())
    assert "Muutosta ei tallennettu" in alert
    assert "”vakavampi vastaus ei koskaan laske tasoa” ei täyty kysymyksessä 4" in alert
    assert audit_definitions.get(db=live_server.db)["version"] == cut_off + 1
    check_axe(page, live_server, "kartoitus-virhe")

    page.goto("/hallinta/kartoitus/taso/korkea")
    check_axe(page, live_server, "kartoitus-taso")
    page.goto("/hallinta/kartoitus/lisaasetukset")
    check_axe(page, live_server, "kartoitus-yaml")

    page.goto("/hallinta/kartoitus/historia")
    check_axe(page, live_server, "kartoitus-historia")
    page.get_by_role("link", name=f"Versio {cut_off}", exact=True).click()
    changes = page.get_by_role("table", name="Muuttuneet kohdat").inner_text()
    assert "Korkean riskin raja" in changes and "18" in changes and "17" in changes
    check_axe(page, live_server, "kartoitus-versio")

    page.goto(f"/hallinta/kartoitus/versio/{first}")
    page.get_by_role("button", name=f"Palauta versio {first}").click()
    assert f"Versio {first} palautettiin" in page.get_by_role("status").inner_text()
    restored = audit_definitions.get(db=live_server.db)
    assert restored["version"] == cut_off + 2 and restored["cutoffs"]["korkea"] == 18
    assert restored["questions"][0]["text"] == "Missä asut tai yövyt nyt?"


def test_question_form_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    phone = context.new_page()
    admin_login(phone)
    phone.goto("/hallinta/kartoitus/kysymys/k04_vuokrasuhde")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.screenshot(path="reports/screenshots/kartoitus-kysymys-puhelin.png", full_page=True)
    context.close()
    assert overflow <= 0
