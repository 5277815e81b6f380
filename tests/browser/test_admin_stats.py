"""Statistics page in Chromium: a conversation changes the numbers, small cells stay hidden."""

from __future__ import annotations

import re
import time
from pathlib import Path

from bot.services import statistics
from tests.browser.conftest import check_axe
from tests.staff import PASSWORD

CRISIS_MESSAGE = "en jaksa enää, haluan tappaa itseni"


def _login_editor(page) -> None:
    page.goto("/kirjaudu")
    page.get_by_label("Sähköposti").fill("eero@keusote.example")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_label("Salasana").press("Enter")
    page.wait_for_url("**/hallinta")


def _today_row(page) -> str:
    table = page.get_by_role("table", name="Keskustelut päivittäin")
    row = table.get_by_role("row").filter(has_text=statistics.today().isoformat())
    return row.get_by_role("cell").last.inner_text().strip()


def _crisis_cell(page) -> str:
    table = page.get_by_role("table", name="Kriisivastaukset ja piiloasunnottomuus")
    row = table.get_by_role("row").filter(has_text="Kriisivastaus")
    return row.get_by_role("cell").last.inner_text().strip()


def test_a_conversation_changes_the_statistics_and_a_small_cell_is_suppressed(
        page, browser, live_server):
    # Earlier conversations of the day, so that the day's count is large enough to be shown.
    for _ in range(5):
        statistics.record(live_server.db, statistics.CONVERSATION)
    _login_editor(page)
    page.get_by_role("link", name="Tilastot").first.click()
    page.wait_for_url("**/hallinta/tilastot")
    before = _today_row(page)
    assert re.fullmatch(r"\d+", before), before

    resident = browser.new_context(base_url=live_server.url, locale="fi-FI")
    chat = resident.new_page()
    chat.goto("/")
    box = chat.get_by_label("Kirjoita viestisi")
    box.fill(CRISIS_MESSAGE)
    box.press("Enter")
    chat.locator(".msg.bot").filter(has_text="112").last.wait_for()
    resident.close()

    deadline = time.monotonic() + 10
    while True:
        page.reload()
        after = _today_row(page)
        if after != before or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert int(after) == int(before) + 1
    # One crisis answer today: fewer than five events, shown only as "< 5".
    assert _crisis_cell(page) == "< 5"
    assert page.get_by_role("img", name=re.compile("Pylväskaavio: Keskustelut")).is_visible()
    check_axe(page, live_server, "hallinta-tilastot")

    page.set_viewport_size({"width": 375, "height": 800})
    check_axe(page, live_server, "hallinta-tilastot-mobiili")

    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa tilastot CSV-tiedostona").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Kriisivastaukset ja piiloasunnottomuus;Kriisivastaus;< 5" in body
    assert f"Keskustelut päivittäin;{statistics.today().isoformat()};{after}" in body
