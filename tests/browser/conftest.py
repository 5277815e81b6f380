"""Real-browser tests: Debian's Chromium driven by Playwright against the app served by uvicorn.

Never `playwright install`: the browser is the system `chromium` (scripts/test-deps.sh installs
it for `make test`). A missing browser fails the run with the fix in the message.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.config import Settings
from bot.paths import PROJECT_ROOT
from bot.store.db import Database, make_engine
from bot.web.main import create_app
from tests.bot.web.conftest import FakeRasa
from tests.databases import load_test_content
from tests.smtp_sink import SmtpSink, free_port
from tests.staff import add_user

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
AXE_REPORT = PROJECT_ROOT / "reports" / "browser-axe.md"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
MISSING_BROWSER = (
    "Debian's chromium not found on PATH. Run `scripts/test-deps.sh` (or "
    "`sudo apt-get install -y chromium`); `make test` does it. Never `playwright install`."
)


@dataclass
class LiveServer:
    """The running app: its address, database and the SMTP sink it mails to."""

    url: str
    db: Database
    smtp: SmtpSink
    rasa: FakeRasa
    axe_results: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """uvicorn in a thread on a free port, a fake Rasa, a real SMTP sink, SQLite with content."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    load_test_content(url)
    db = Database(make_engine(url))
    add_user(db, "tiina@keusote.example", "ammattilainen")
    add_user(db, "admin@keusote.example", "admin")
    add_user(db, "eero@keusote.example", "editor")
    smtp = SmtpSink()
    smtp.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=url, smtp_host="127.0.0.1", smtp_port=smtp.port,
                        team_email="tiimi@keusote.example", notify_interval_s=0.3,
                        public_base_url=base)
    rasa = FakeRasa()
    app = create_app(settings, transport=httpx.MockTransport(rasa))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    live = LiveServer(base, db, smtp, rasa)
    yield live
    server.should_exit = True
    thread.join(10)
    smtp.stop()
    _write_report(live)


def _write_report(live: LiveServer) -> None:
    if not live.axe_results:
        return
    lines = ["# Real-browser checks (tests/browser)", "",
             f"axe-core rules: {', '.join(AXE_TAGS)}; Debian Chromium via Playwright.", "",
             "| page | axe violations |", "| --- | --- |"]
    lines += [f"| {page} | {count} |" for page, count in live.axe_results.items()]
    lines += ["", "| flow | seconds |", "| --- | --- |"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in live.timings.items()]
    AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
    AXE_REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium")
    if path is None:
        pytest.fail(MISSING_BROWSER, pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) and page per test."""
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def check_axe(page, live: LiveServer, name: str) -> None:
    """Run axe-core on the page, save a screenshot, and require zero violations."""
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    live.axe_results[name] = results.violations_count
    assert results.violations_count == 0, results.generate_report()


def staff_login(page, email: str, password: str) -> None:
    """Log in through the form with the keyboard."""
    page.goto("/kirjaudu")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(password)
    page.get_by_label("Salasana").press("Enter")
    page.wait_for_url(lambda url: "/ammattilainen" in url or "/hallinta" in url)


def screenshots_dir() -> Path:
    """Where the screenshots go (gitignored)."""
    return SCREENSHOTS
