"""End to end in Chromium against the real services (Rasa, action server, web app, SMTP sink).

A resident asks about rent arrears and leaves a contact request; a professional logs in, finds it
in the queue, the e-mail has arrived, and marks it `työn alla` then `hoidettu`; a professional
runs an audit with a client from the portal to a korkea result and opens the printable summary;
the chat works with the keyboard alone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from bot.audit.scoring import SKIPPED, score
from bot.paths import PROJECT_ROOT
from tests.browser.conftest import SCREENSHOTS, check_axe, staff_login
from tests.e2e.conversation import (
    audit_texts,
    contact_reference,
    contact_texts,
    definition,
    lowest_answers,
    question_button,
    question_text,
)
from tests.smtp_sink import SmtpSink
from tests.staff import PASSWORD

PROFESSIONAL = "tiina@keusote.example"
# On top of the lowest answers: 16 points, korkea (checked against the scoring below).
KORKEA = {"k01_asuminen": "kaverin_luona", "k03_aiempi": "kerran",
          "k04_vuokrasuhde": "irtisanominen", "k15_arvio": "todennakoista"}


@pytest.fixture(scope="module")
def staffed_stack(stack) -> Iterator:
    """The session's stack with a professional account and the web app mailing a sink."""
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "user", "create", PROFESSIONAL, "--role",
         "ammattilainen", "--password-stdin"],
        cwd=PROJECT_ROOT, env=stack.env, input=PASSWORD + "\n", text=True, check=True,
        capture_output=True,
    )
    sink = SmtpSink()
    sink.start()
    mail_env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(sink.port),
                "TEAM_EMAIL": "tiimi@keusote.example", "NOTIFY_INTERVAL_S": "0.5",
                "PUBLIC_BASE_URL": stack.web}
    stack.stop("web")
    stack.start("web", {**stack.env, **mail_env})
    try:
        stack.wait_healthy(60)
        yield stack, sink
    finally:
        stack.stop("web")
        stack.start("web")
        stack.wait_healthy(60)
        sink.stop()


@pytest.fixture
def tab(browser, staffed_stack):
    stack, _ = staffed_stack
    context = browser.new_context(base_url=stack.web, locale="fi-FI")
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def _bot_says(page, text: str) -> None:
    try:
        page.locator(".msg.bot").filter(has_text=text[:50]).last.wait_for()
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "e2e-virhe.png"), full_page=True)
        shown = page.locator(".msg").all_inner_texts()[-4:]
        raise AssertionError(f"waited for {text[:50]!r}; the chat shows {shown}") from None


def _type(page, text: str) -> None:
    box = page.get_by_label("Kirjoita viestisi")
    box.fill(text)
    box.press("Enter")


def _click(page, title: str) -> None:
    page.get_by_role("button", name=title, exact=True).last.click()


def test_resident_request_reaches_the_team(tab, staffed_stack, browser):
    stack, sink = staffed_stack
    started = time.monotonic()
    tab.goto("/")
    tab.locator(".msg.bot").first.wait_for()
    bots = tab.locator(".msg.bot").count()
    buttons = tab.locator(".msg.bot button").count()
    _type(tab, "mulla on vuokrat rästissä enkä tiiä mitä tehä")
    tab.locator(".msg.bot").nth(bots).wait_for()
    tab.locator("#typing").wait_for(state="hidden")
    assert "vuokra" in tab.locator(".msg.bot").nth(bots).inner_text().lower()
    assert tab.locator(".msg.bot button").count() > buttons  # the answer comes with buttons
    _type(tab, "haluan puhua ihmiselle")
    _click(tab, contact_texts()["yes_button"])
    _bot_says(tab, question_text("yhteystieto"))
    _type(tab, "040 123 4567")
    _bot_says(tab, question_text("kunta"))
    _click(tab, "Tuusula")
    _bot_says(tab, question_text("paras_aika"))
    _type(tab, "iltapäivällä")
    _bot_says(tab, question_text("tilanne"))
    _type(tab, "vuokrat on rästissä kaks kuukautta")
    _bot_says(tab, question_text("suostumus"))
    _click(tab, question_button("suostumus", 0))
    saved = contact_texts()["saved"].split("{reference}")[0]
    _bot_says(tab, saved)
    code = contact_reference(tab.locator(".msg.bot").filter(has_text=saved[:50]).last.inner_text())
    check_axe(tab, RECORD, "e2e-chat-yhteydenotto")
    resident_s = time.monotonic() - started

    started = time.monotonic()
    context = browser.new_context(base_url=stack.web, locale="fi-FI")
    context.set_default_timeout(30_000)
    staff = context.new_page()
    staff_login(staff, PROFESSIONAL, PASSWORD)
    staff.get_by_role("link", name=code).click()
    mails = sink.sink.wait_for(1, timeout_s=20)
    assert any(code in m["Subject"] for _, m in mails)
    assert all("040" not in m.get_payload() for _, m in mails)
    for status in ("Työn alla", "Hoidettu"):
        staff.get_by_label(status).check()
        staff.get_by_role("button", name="Tallenna").click()
        staff.wait_for_load_state()
        assert status in staff.locator("dl").inner_text()
    staff.screenshot(path=str(SCREENSHOTS / "e2e-pyynto-hoidettu.png"), full_page=True)
    context.close()
    rows = stack.query("select status from contact_requests where reference = ?", code)
    assert rows == [("hoidettu",)]
    _record("asukas: vuokrarästi → yhteydenottopyyntö (oikea Rasa)", resident_s)
    _record("tiimi: kirjautuminen → jono → työn alla → hoidettu", time.monotonic() - started)


def test_professional_audit_from_the_portal_to_korkea_and_summary(tab, staffed_stack):
    stack, _ = staffed_stack
    started = time.monotonic()
    staff_login(tab, PROFESSIONAL, PASSWORD)
    tab.goto("/ammattilainen/portaali")
    tab.get_by_role("link", name="Aloita kartoitus asiakkaan kanssa").click()
    questions = definition().questions
    answers = {**lowest_answers(), **KORKEA}
    assert score(definition(), answers).level == "korkea"
    for number, question in enumerate(questions, start=1):
        _bot_says(tab, f"{number}/{len(questions)}.")
        option = answers[question.id]
        _click(tab, audit_texts()["skip_button"] if option == SKIPPED
               else question.option(option).label)
    # Wait for the reply itself: until it arrives the last message is the clicked question.
    _bot_says(tab, audit_texts()["professional_consent_question"])
    consent = tab.locator(".msg.bot").last.locator("button").first
    consent.click()
    link = tab.get_by_role("link", name="/kartoitus/").last
    link.wait_for()
    code = link.inner_text().rsplit("/", 1)[1]
    assert link.get_attribute("target") == "_blank"  # the chat opens links in a new tab
    tab.goto(link.get_attribute("href"))
    assert "Korkea" in tab.locator("main").inner_text()
    check_axe(tab, RECORD, "e2e-yhteenveto-korkea")
    tab.goto("/ammattilainen/portaali")
    listed = tab.get_by_role("table", name="Kartoituksesi").inner_text()
    assert code in listed and "korkea" in listed
    _record("ammattilainen: portaali → kartoitus korkea → yhteenveto",
            time.monotonic() - started)


def test_keyboard_only_chat(tab, staffed_stack):
    started = time.monotonic()
    tab.goto("/")
    tab.locator(".msg.bot").first.wait_for()
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Enter")
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "message"
    tab.keyboard.type("miten haen asumistukea")
    bots = tab.locator(".msg.bot").count()
    tab.keyboard.press("Enter")
    tab.locator(".msg.bot").nth(bots).wait_for()
    tab.locator("#typing").wait_for(state="hidden")
    for _ in range(40):  # back from the message box into the log, to the newest answer button
        tab.keyboard.press("Shift+Tab")
        if tab.evaluate("document.activeElement.matches('#log button:not([disabled])')"):
            break
    else:
        pytest.fail("no answer button can be reached with the keyboard")
    before = tab.locator(".msg.bot").count()
    tab.keyboard.press("Enter")
    tab.locator(".msg.bot").nth(before).wait_for()
    check_axe(tab, RECORD, "e2e-chat-nappaimisto")
    _record("asukas: pelkkä näppäimistö (oikea Rasa)", time.monotonic() - started)


@dataclass
class Record:
    """axe results and timings of this module (check_axe records into `axe_results`)."""

    axe_results: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


RECORD = Record()


def _record(name: str, seconds: float) -> None:
    RECORD.timings[name] = seconds
    lines = [f"| {k} | {v:.1f} |" for k, v in RECORD.timings.items()]
    axe = [f"| {k} | {v} |" for k, v in RECORD.axe_results.items()]
    report = PROJECT_ROOT / "reports" / "browser-e2e.md"
    report.write_text("# End to end in Chromium (real Rasa stack)\n\n| flow | seconds |\n"
                      "| --- | --- |\n" + "\n".join(lines) + "\n\n| page | axe violations |\n"
                      "| --- | --- |\n" + "\n".join(axe) + "\n", encoding="utf-8")

