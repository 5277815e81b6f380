"""A service goes away: answers still arrive, and a crisis always gets the crisis lines."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from bot.config import Settings
from bot.paths import PROJECT_ROOT
from bot.services.content import WebTexts
from tests.e2e.conversation import domain_text, has_crisis_line
from tests.e2e.stack import free_port, new_sender, wait_for


def web_texts() -> WebTexts:
    return WebTexts.from_file(Settings().web_content_path)


def test_when_the_action_server_stops_answers_still_arrive(stack):
    with stack.actions_stopped():
        assert stack.health()["actions"] == "down"
        reply = stack.chat("mulla on vuokrat rästissä")
        assert reply[0]["text"] == domain_text("utter_vuokravelka")
        reply = stack.chat("/nlu_fallback")  # the fallback needs the action server
        assert reply[0]["text"] == web_texts().no_reply
        assert has_crisis_line(stack.chat("haluan kuolla")[0]["text"])
    assert stack.health()["actions"] == "ok"


@pytest.fixture
def web_without_rasa(stack, tmp_path):
    """A second web app whose Rasa and action server do not answer."""
    port, dead = free_port(), free_port()
    env = {**stack.env, "RASA_URL": f"http://127.0.0.1:{dead}",
           "ACTIONS_URL": f"http://127.0.0.1:{dead}"}
    log = (tmp_path / "web.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bot.web.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(f"{url}/health", lambda r: r.status_code == 200, 60)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_when_rasa_is_down_a_crisis_still_gets_the_crisis_lines(web_without_rasa):
    assert httpx.get(f"{web_without_rasa}/health", timeout=10).json()["rasa"] == "down"

    def chat(message: str) -> dict:
        response = httpx.post(f"{web_without_rasa}/api/chat",
                              json={"sender": new_sender(), "message": message}, timeout=30)
        assert response.status_code == 200
        return response.json()

    crisis = chat("haluan kuolla")
    assert crisis["degraded"] is True and has_crisis_line(crisis["messages"][0]["text"])
    ordinary = chat("asumistuki")
    assert ordinary["degraded"] is True
    assert ordinary["messages"][0]["text"] == web_texts().degraded
    assert not has_crisis_line(ordinary["messages"][0]["text"])
