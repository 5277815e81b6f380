"""Content editor in Chromium: edit an answer and the bot's next reply uses it, roll it back,
refuse an unsourced phone number; axe on every editor page.

The live server talks to a fake Rasa, so "the bot uses it" is proven twice: the real
`action_answer_topic` runs against the live server's database right after the save (no restart,
no cache), and its reply goes through the chat page; `test_real_stack_*` does the same through
real Rasa, the action server and the web app when the trained model is present.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_topic import ActionAnswerTopic
from actions.store import reset_caches
from bot.paths import PROJECT_ROOT
from bot.store import topic_answers
from tests.browser.conftest import check_axe
from tests.staff import PASSWORD
from tests.trackers import tracker

EDITOR = "eero@keusote.example"
NEW_TEXT = ("Tee muuttoilmoitus verkossa dvv.fi-palvelussa viimeistään viikon kuluttua muutosta. "
            "Jos saat asumistukea, kerro muutosta myös Kelalle.")


def editor_login(page, email: str = EDITOR) -> None:
    """Log in with the keyboard; editors land on /hallinta."""
    page.goto("/kirjaudu")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_label("Salasana").press("Enter")
    page.wait_for_url("**/hallinta")


def bot_reply(live_server, intent: str) -> list[dict]:
    """What the real action server code answers now, reading the live server's database."""
    monkey = pytest.MonkeyPatch()
    monkey.setenv("DATABASE_URL", str(live_server.db.engine.url))
    reset_caches()
    try:
        dispatcher = CollectingDispatcher()
        run = ActionAnswerTopic().run(dispatcher, tracker(intent), {})
        # Playwright's sync API owns this thread's event loop: run the action in another one.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, run).result(timeout=30)
        return dispatcher.messages
    finally:
        reset_caches()
        monkey.undo()


def edit_muutto(page, live_server, text: str) -> None:
    page.goto("/hallinta/vastaukset/muutto")
    page.get_by_label("Vastausteksti (kaikille kunnille)").fill(text)
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("status").filter(has_text="Tallennettu versiona").wait_for()


def test_editor_changes_an_answer_and_the_next_reply_uses_it(page, live_server):
    editor_login(page)
    page.get_by_role("link", name="Vastaukset").first.click()
    page.wait_for_url("**/hallinta/vastaukset")
    check_axe(page, live_server, "hallinta-vastaukset")
    page.get_by_role("link", name="Muokkaa vastausta Muutto").click()
    page.wait_for_url("**/hallinta/vastaukset/muutto")
    check_axe(page, live_server, "hallinta-vastaus")
    field = page.get_by_label("Vastausteksti (kaikille kunnille)")
    field.fill(NEW_TEXT)
    # The live preview shows the unsaved text as a chat message before anything is saved.
    page.locator("#preview-messages .msg.bot").filter(has_text="dvv.fi-palvelussa").wait_for()
    assert topic_answers.get(db=live_server.db, intent="muutto").text != NEW_TEXT
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("status").filter(has_text="Tallennettu versiona").wait_for()
    check_axe(page, live_server, "hallinta-vastaus-tallennettu")

    messages = bot_reply(live_server, "muutto")
    assert messages[0]["text"] == NEW_TEXT
    # The reply reaches the resident's chat as Rasa's REST channel would hand it over.
    live_server.rasa.reply = [{"recipient_id": "x", "text": m["text"],
                               "buttons": m.get("buttons") or []} for m in messages]
    try:
        page.goto("/")
        page.get_by_label("Kirjoita viestisi").fill("miten teen muuttoilmoituksen")
        page.get_by_label("Kirjoita viestisi").press("Enter")
        page.locator(".msg.bot").filter(has_text="dvv.fi-palvelussa").last.wait_for()
    finally:
        live_server.rasa.reply = [{"recipient_id": "x", "text": "Vastaus", "buttons": []}]


def test_rollback_restores_the_previous_text(page, live_server):
    before = topic_answers.get(db=live_server.db, intent="muutto").text
    editor_login(page)
    edit_muutto(page, live_server, NEW_TEXT + " Tämä on kokeilu.")
    assert bot_reply(live_server, "muutto")[0]["text"].endswith("Tämä on kokeilu.")
    page.get_by_role("link", name="Historia").click()
    page.wait_for_url("**/historia")
    assert page.locator("ins").filter(has_text="kokeilu.").count() == 1
    check_axe(page, live_server, "hallinta-vastaus-historia")
    versions = page.locator("li.version")
    previous = versions.nth(1).get_by_role("button", name="Palauta versio")
    previous.click()
    page.get_by_role("status").filter(has_text="palautettu").wait_for()
    assert bot_reply(live_server, "muutto")[0]["text"] == before


def test_an_unsourced_phone_number_cannot_be_saved(page, live_server):
    before = topic_answers.get(db=live_server.db, intent="muutto").text
    editor_login(page)
    page.goto("/hallinta/vastaukset/muutto")
    page.get_by_label("Vastausteksti (kaikille kunnille)").fill(NEW_TEXT + " Soita 040 123 4567.")
    page.get_by_role("button", name="Tallenna").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "040 123 4567" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "virheet"  # focus moves to the errors
    field = page.get_by_label("Vastausteksti (kaikille kunnille)")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Soita 040 123 4567." in field.input_value()  # the input is kept
    check_axe(page, live_server, "hallinta-vastaus-virhe")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: form and preview stack
    check_axe(page, live_server, "hallinta-vastaus-virhe-390px")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "text"
    assert topic_answers.get(db=live_server.db, intent="muutto").text == before


def test_service_directory_pages(page, live_server):
    editor_login(page)
    page.goto("/hallinta/palvelut")
    check_axe(page, live_server, "hallinta-palvelut")
    page.get_by_role("link", name="Muokkaa palvelua Hyvinkään Vuokra-asunnot Oy (HyVa)").click()
    check_axe(page, live_server, "hallinta-palvelu")
    page.get_by_label("Puhelinnumero").fill("soita toimistoon")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_label("Puhelinnumero").get_attribute("aria-invalid") == "true"
    check_axe(page, live_server, "hallinta-palvelu-virhe")
    page.get_by_label("Aukioloajat").fill("Ma–pe 9–15")
    page.get_by_label("Puhelinnumero").fill("")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("status").filter(has_text="Tallennettu versiona").wait_for()
    page.get_by_role("link", name="Historia").click()
    check_axe(page, live_server, "hallinta-palvelu-historia")
    page.get_by_role("button", name="Palauta versio 1").click()
    page.get_by_role("status").filter(has_text="palautettu").wait_for()
    assert page.get_by_label("Aukioloajat").input_value() == ""


@pytest.fixture(scope="module")
def editor_on_stack(stack):
    """The session's real stack with an editor account."""
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "user", "create", "sisalto@keusote.example", "--role",
         "editor", "--password-stdin"],
        cwd=PROJECT_ROOT, env=stack.env, input=PASSWORD + "\n", text=True, check=True,
        capture_output=True,
    )
    return stack


def test_real_stack_uses_the_edited_answer_in_the_next_reply(browser, editor_on_stack):
    stack = editor_on_stack
    context = browser.new_context(base_url=stack.web, locale="fi-FI")
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        editor_login(page, "sisalto@keusote.example")
        edit_muutto(page, None, NEW_TEXT)
        page.goto("/")
        page.get_by_label("Kirjoita viestisi").fill("miten teen muuttoilmoituksen kun muutan")
        page.get_by_label("Kirjoita viestisi").press("Enter")
        page.locator(".msg.bot").filter(has_text="dvv.fi-palvelussa").last.wait_for()
    finally:
        context.close()
