"""The security headers are on every kind of response, and replace a route's own values."""

from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from fastapi.testclient import TestClient

from bot.web.security_headers import SECURITY_HEADERS, SecurityHeaders


def make_client() -> TestClient:
    app = FastAPI()
    app.add_middleware(SecurityHeaders)

    @app.get("/json")
    async def json_route() -> JSONResponse:
        return JSONResponse({"ok": True}, headers={"X-Frame-Options": "SAMEORIGIN"})

    @app.get("/stream")
    async def stream_route() -> StreamingResponse:
        async def chunks():
            yield b"a"
            yield b"b"
        return StreamingResponse(chunks(), media_type="text/plain")

    @app.get("/error")
    async def error_route() -> PlainTextResponse:
        return PlainTextResponse("nope", status_code=418)

    return TestClient(app)


def test_every_response_kind_gets_every_header():
    client = make_client()
    for path in ("/json", "/stream", "/error", "/missing"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)


def test_a_routes_own_value_is_replaced_not_duplicated():
    response = make_client().get("/json")
    assert response.headers.get_list("X-Frame-Options") == ["DENY"]
    assert response.json() == {"ok": True}


def test_streamed_bodies_pass_through_unchanged():
    assert make_client().get("/stream").text == "ab"
