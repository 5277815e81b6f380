"""The chat page, static files, security headers and `/health`."""


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
