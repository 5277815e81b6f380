"""Statistics through the real stack: a conversation leaves anonymous events; the page shows."""

from __future__ import annotations

import time

import httpx

from bot.paths import PROJECT_ROOT
from bot.store.db import Database, make_engine
from tests.e2e.conversation import has_crisis_line
from tests.e2e.stack import new_sender
from tests.staff import PASSWORD, add_user, csrf_of

EVENTS = ("select kind, topic, municipality, level, mode, handling_days, count "
          "from stats_events")
CONVERSATIONS = 5
REPORT = PROJECT_ROOT / "reports" / "stats-e2e.csv"


def _events(stack) -> dict[tuple, int]:
    return {tuple(row[:6]): row[6] for row in stack.query(EVENTS)}


def _wait_for(stack, key: tuple, at_least: int, timeout: float = 10.0) -> int:
    deadline = time.monotonic() + timeout
    while (count := _events(stack).get(key, 0)) < at_least and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def test_conversation_leaves_anonymous_events_and_the_page_shows_them(stack):
    topic = ("topic", "vuokravelka", "", "", "", 0)
    crisis = ("crisis", "", "", "kriisivastaus", "", 0)
    conversation = ("conversation", "", "", "", "", 0)
    before = _events(stack)
    senders = [new_sender() for _ in range(CONVERSATIONS)]
    for sender in senders:  # five residents ask about rent arrears; the last one is in crisis
        stack.chat("mulla on kaks kuukautta vuokria maksamatta", sender)
    reply = stack.chat("en jaksa enää, mietin että tapan itseni", senders[-1])
    assert has_crisis_line(reply[0]["text"])
    expected = before.get(topic, 0) + CONVERSATIONS
    assert _wait_for(stack, topic, expected) == expected
    assert _wait_for(stack, crisis, before.get(crisis, 0) + 1) == before.get(crisis, 0) + 1
    assert _wait_for(stack, conversation, before.get(conversation, 0) + CONVERSATIONS) == (
        before.get(conversation, 0) + CONVERSATIONS)
    # Nothing in the table names the sender or repeats the words.
    flat = " ".join(str(v) for row in stack.query("select * from stats_events") for v in row)
    assert not any(sender in flat for sender in senders) and "vuokria" not in flat

    db = Database(make_engine(f"sqlite:///{stack.database}"))
    add_user(db, "tilastot@keusote.example", "editor")
    db.engine.dispose()
    with httpx.Client(base_url=stack.web, timeout=30) as client:
        token = csrf_of(client.get("/kirjaudu").text)
        client.post("/kirjaudu", data={"email": "tilastot@keusote.example",
                                       "password": PASSWORD, "csrf_token": token})
        page = client.get("/hallinta/tilastot")
        assert page.status_code == 200 and "<th scope=\"row\">Vuokrarästit</th>" in page.text
        csv = client.get("/hallinta/tilastot/tilastot.csv")
    assert csv.status_code == 200
    rows = [line.split(";") for line in csv.text.lstrip("\ufeff").splitlines()]
    shown = {row[1]: row[2] for row in rows if row[0] == "Aiheet"}
    assert int(shown["Vuokrarästit"]) >= CONVERSATIONS  # five events: shown as a number
    assert ["Kriisivastaukset ja piiloasunnottomuus", "Kriisivastaus"] in [r[:2] for r in rows]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(csv.text.lstrip("\ufeff"), encoding="utf-8")
