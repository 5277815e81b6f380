"""The three services together: widget API → web app → Rasa → action server.

Starts real processes on free loopback ports (Rasa needs ~40 s to load the model), so it
exercises what unit tests cannot: the REST channel, rasa-sdk 3.21 talking to Rasa 3.6,
and the web app's behaviour when the action server or Rasa goes away.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import PROJECT_ROOT, RASA_BIN

SENDER_PREFIX = "e2etest"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, ok, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ok(httpx.get(url, timeout=3)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise TimeoutError(url)


@dataclass
class Stack:
    web: str
    processes: dict[str, subprocess.Popen]
    database: Path

    def chat(self, message: str, sender: str | None = None) -> dict:
        sender = sender or SENDER_PREFIX + secrets.token_hex(8)
        response = httpx.post(
            f"{self.web}/api/chat", json={"sender": sender, "message": message}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def stack(trained_model, tmp_path_factory) -> Iterator[Stack]:
    ports = {name: free_port() for name in ("rasa", "actions", "web")}
    token = secrets.token_hex(16)
    database = tmp_path_factory.mktemp("e2e") / "botti.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "RASA_TOKEN": token,
        "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "ACTIONS_URL": f"http://127.0.0.1:{ports['actions']}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "SANIC_HOST": "127.0.0.1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    commands = {
        "actions": [
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "-p",
            str(ports["actions"]),
        ],
        "rasa": [
            str(RASA_BIN / "rasa"),
            "run",
            "--enable-api",
            "--auth-token",
            token,
            "-i",
            "127.0.0.1",
            "-p",
            str(ports["rasa"]),
            "-m",
            str(trained_model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
        "web": [
            sys.executable,
            "-m",
            "uvicorn",
            "bot.web.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(ports["web"]),
        ],
    }
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "load"], cwd=PROJECT_ROOT, env=env, check=True
    )
    processes = {
        name: subprocess.Popen(
            cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for name, cmd in commands.items()
    }
    stack = Stack(web=f"http://127.0.0.1:{ports['web']}", processes=processes, database=database)
    try:
        wait_for(
            f"{stack.web}/health",
            lambda r: r.json() == {"web": "ok", "rasa": "ok", "actions": "ok"},
        )
        yield stack
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_greeting_says_it_is_a_bot_and_offers_topics(stack):
    body = stack.chat("/greet")
    first = body["messages"][0]
    assert "botti" in first["text"].lower()
    assert len(first["buttons"]) >= 4


def test_topic_question_gets_its_answer(stack):
    body = stack.chat("mulla on kaks kuukautta vuokria maksamatta")
    assert "maksusuunnitelma" in body["messages"][0]["text"]


def test_crisis_answer_comes_first_mid_conversation(stack):
    sender = SENDER_PREFIX + secrets.token_hex(8)
    stack.chat("sain häätöilmoituksen", sender)
    body = stack.chat("en jaksa enää, mietin että tapan itseni", sender)
    assert "09 2525 0111" in body["messages"][0]["text"]


def test_fallback_offers_topic_buttons_from_the_action_server(stack):
    # The payload form skips the classifier, so the fallback rule fires for sure.
    body = stack.chat("/nlu_fallback")
    buttons = [b["payload"] for m in body["messages"] for b in m["buttons"]]
    assert body["messages"][0]["text"].startswith("En valitettavasti")
    assert buttons == ["/vuokravelka", "/asumistuki", "/asunnon_haku", "/asunnoton_nyt"]


def test_contact_request_through_the_chat_is_stored_with_consent(stack):
    sender = secrets.token_hex(16)
    offer = stack.chat("haluan puhua ihmiselle", sender)["messages"]
    assert [b["payload"] for b in offer[-1]["buttons"]] == ["/affirm", "/deny"]
    assert "yhteyttä" in stack.chat("/affirm", sender)["messages"][0]["text"]
    assert "En tunnistanut" in stack.chat("123", sender)["messages"][0]["text"]
    ask_municipality = stack.chat("040 123 4567", sender)["messages"][-1]
    assert len(ask_municipality["buttons"]) == 7
    stack.chat('/inform_kunta{"kunta":"Tuusula"}', sender)
    stack.chat("iltapäivällä", sender)
    consent = stack.chat("ohita", sender)["messages"][-1]
    assert [b["payload"] for b in consent["buttons"]] == ["/affirm", "/deny"]
    saved = stack.chat("/affirm", sender)["messages"][0]["text"]
    with sqlite3.connect(stack.database) as conn:
        rows = conn.execute("select reference, contact, municipality, status from contact_requests")
        reference, contact, municipality, status = rows.fetchone()
    assert reference in saved
    assert (contact, municipality, status) == ("0401234567", "Tuusula", "uusi")


def test_cancel_in_the_middle_of_the_form_stores_nothing(stack):
    sender = secrets.token_hex(16)
    stack.chat("jalkautuva tiimi", sender)
    stack.chat("/affirm", sender)
    assert "Peruin" in stack.chat("peruuta", sender)["messages"][0]["text"]


def test_edit_in_database_shows_without_retraining(stack):
    with sqlite3.connect(stack.database) as conn:
        conn.execute(
            "update topic_answers set text = 'Muokattu testivastaus. Tee muuttoilmoitus.' "
            "where intent = 'muutto' and municipality = ''"
        )
    body = stack.chat("/muutto")
    assert body["messages"][0]["text"] == "Muokattu testivastaus. Tee muuttoilmoitus."


def test_audit_through_the_chat_gives_result_and_summary_page(stack):
    sender = secrets.token_hex(16)
    intro = stack.chat("haluan tehdä asumisen kartoituksen", sender)["messages"]
    assert "3 minuutin" in intro[0]["text"]
    assert stack.chat("vastaan itse", sender)["messages"][-1]["text"].startswith("1/15.")
    steps = [
        ("kaverin sohvalla", "2/15."), ("Kyllä", "3/15."), ("edellinen", "2/15."),
        ("Tälle yölle, mutta ei koko viikoksi", "3/15."), ("Kerran", "4/15."),
        ("Maksumuistutus tai varoitus", "5/15."), ("kolme kuukautta", "6/15."),
        ("Juuri ja juuri", "7/15."), ("En halua vastata", "8/15."), ("Ei", "9/15."),
        ("Ei", "10/15."), ("Ei", "11/15."), ("Ei", "12/15."), ("Ehkä", "13/15."),
        ("Ei", "14/15."), ("ero ja lapsia", "15/15."),
    ]
    for answer, next_question in steps:
        reply = stack.chat(answer, sender)["messages"]
        assert reply[-1]["text"].startswith(next_question), (answer, reply)
    result = [m["text"] for m in stack.chat("Mahdollista", sender)["messages"]]
    assert result[0].startswith("Kartoituksen tulos: Korkea riski")
    code = re.search(r"/kartoitus/([A-Z0-9]{8})", "\n".join(result)).group(1)
    page = httpx.get(f"{stack.web}/kartoitus/{code}", timeout=10)
    assert page.status_code == 200 and "Korkea riski" in page.text
    assert "Tilapäisesti kaverin tai sukulaisen luona" in page.text
    assert "Haluatko, että jalkautuvan tiimin" in result[-1]


def test_when_the_action_server_stops_answers_still_arrive(stack):
    actions = stack.processes["actions"]
    actions.terminate()
    actions.wait(timeout=30)
    assert httpx.get(f"{stack.web}/health", timeout=10).json()["actions"] == "down"
    assert "maksusuunnitelma" in stack.chat("vuokrat rästissä")["messages"][0]["text"]
    body = stack.chat("/nlu_fallback")  # the fallback needs the action server
    assert body["messages"][0]["text"].startswith("En saanut nyt vastausta")
    assert "09 2525 0111" in stack.chat("haluan kuolla")["messages"][0]["text"]


def test_when_rasa_stops_crisis_is_still_answered(stack):
    rasa = stack.processes["rasa"]
    rasa.terminate()
    rasa.wait(timeout=30)
    health = httpx.get(f"{stack.web}/health", timeout=10).json()
    assert health["rasa"] == "down"
    body = stack.chat("haluan kuolla")
    assert body["degraded"] is True
    assert "112" in body["messages"][0]["text"]
    body = stack.chat("asumistuki")
    assert body["degraded"] is True and "Botti ei ole juuri nyt" in body["messages"][0]["text"]
