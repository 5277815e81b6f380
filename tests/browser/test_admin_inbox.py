"""The inbox in Chromium: an editor assigns a message group to an intent, the export has it."""

from __future__ import annotations

import yaml

from bot.cli import main
from bot.services.inbox import record
from tests.browser.conftest import check_axe
from tests.staff import PASSWORD

RANKING = [{"name": "nlu_fallback", "confidence": 0.38},
           {"name": "vuokravelka", "confidence": 0.31}]
TEXTS = ("mitä teen kun vuokranantaja ei palauta takuuvuokraa",
         "vuokranantaja ei palauta takuuvuokraa, soita 040 765 4321")


def editor_login(page) -> None:
    """Log in as the editor with the keyboard; editors land on /hallinta."""
    page.goto("/kirjaudu")
    page.get_by_label("Sähköposti").fill("eero@keusote.example")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_label("Salasana").press("Enter")
    page.wait_for_url("**/hallinta")


def test_assigned_inbox_message_appears_in_the_exported_candidates(
        page, live_server, tmp_path, monkeypatch, capsys):
    for text in TEXTS:
        assert record(db=live_server.db, text=text, ranking=RANKING)
    editor_login(page)
    assert "uutta" in page.get_by_role("navigation").inner_text()
    page.get_by_role("link", name="Vastaamattomat viestit").click()
    page.wait_for_url("**/hallinta/saapuneet")
    group = page.locator("li.inbox-group").filter(has_text="takuuvuokraa")
    assert group.count() == 1
    assert "2 viestiä" in group.inner_text() and "[puhelinnumero]" in group.inner_text()
    assert "040 765" not in page.content()
    check_axe(page, live_server, "saapuneet")

    group.get_by_label("Aihe, johon viestit liitetään").select_option("vuokravelka")
    group.get_by_role("button", name="Liitä aiheeseen").click()
    assert "liitettiin aiheeseen" in page.get_by_role("status").inner_text()
    assert page.locator("li.inbox-group").filter(has_text="takuuvuokraa").count() == 0
    check_axe(page, live_server, "saapuneet-liitetty")

    monkeypatch.setenv("DATABASE_URL", live_server.db.engine.url.render_as_string(False))
    out = tmp_path / "candidates.yml"
    assert main(["nlu", "export-candidates", "--out", str(out)]) == 0
    exported = yaml.safe_load(out.read_text(encoding="utf-8"))["candidates"]
    texts = {e["text"] for c in exported if c["intent"] == "vuokravelka" for e in c["examples"]}
    assert {TEXTS[0], "vuokranantaja ei palauta takuuvuokraa, soita [puhelinnumero]"} <= texts
