"""The chat page, static files, security headers and `/health`."""

import json
import re

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.web.main import create_app
from tests.bot.web.conftest import FakeRasa


@pytest.fixture
def client_with_limit():
    app = create_app(Settings(max_message_chars=250), transport=httpx.MockTransport(FakeRasa()))
    with TestClient(app) as client:
        yield client


def test_index_is_finnish_page_with_crisis_numbers(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fi"' in html
    for number in ("112", "09 2525 0111", "080 005 005"):
        assert number in html
    assert "aria-live" in html


def test_security_headers_set_strict_csp(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_static_assets_are_served(client):
    assert client.get("/static/chat.js").status_code == 200
    assert client.get("/static/chat.css").status_code == 200


def test_health_reports_each_service(client):
    assert client.get("/health").json() == {"web": "ok", "rasa": "ok", "actions": "ok"}


def test_health_reports_down_services(client, fake_rasa):
    fake_rasa.mode = "down"
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"web": "ok", "rasa": "down", "actions": "down"}


def test_message_limit_comes_from_the_settings(client_with_limit):
    html = client_with_limit.get("/").text
    assert 'maxlength="250"' in html and "0/250" in html
    config = json.loads(re.search(r'id="chat-config"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["maxChars"] == 250
    assert "250" in config["texts"]["too_long"]


def test_chat_script_takes_every_text_from_the_page(client):
    html = client.get("/").text
    config = json.loads(re.search(r'id="chat-config"[^>]*>(.*?)</script>', html, re.S).group(1))
    script = client.get("/static/chat.js").text
    for key in config["texts"]:
        assert f"T.{key}" in script
    assert not re.search(r"[äöÄÖ]", script), "Finnish text belongs to data/content/web.yml"


def test_page_text_is_escaped(tmp_path):
    web = yaml.safe_load(Settings().web_content_path.read_text(encoding="utf-8"))
    web["chat_page"]["privacy_note"] = "<script>alert(1)</script>"
    path = tmp_path / "web.yml"
    path.write_text(yaml.safe_dump(web, allow_unicode=True), encoding="utf-8")
    app = create_app(Settings(web_content_path=path), transport=httpx.MockTransport(FakeRasa()))
    with TestClient(app) as client:
        html = client.get("/").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
