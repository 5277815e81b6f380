"""The three services as real processes: widget API → web app → Rasa → action server.

One stack per pytest session (Rasa needs ~40 s to load the model). `tests/conftest.py` imports
the `stack` fixture, so any test module can ask for it. Each service writes its output to a log
file, which the log test reads and which a failed start shows.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.paths import PROJECT_ROOT
from tests.conftest import RASA_BIN

START_TIMEOUT_S = 300.0
Message = dict[str, Any]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def new_sender() -> str:
    """A sender id like the widget's random token."""
    return "e2e" + secrets.token_hex(12)


def wait_for(url: str, ok: Callable[[httpx.Response], bool], timeout: float) -> bool:
    """Poll `url` until `ok(response)`; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ok(httpx.get(url, timeout=3)):
                return True
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    return False


def find_button(messages: list[Message], title: str) -> dict[str, str]:
    """The button whose title is `title` in the bot's reply (its payload may change form)."""
    buttons = [b for m in messages for b in m.get("buttons") or []]
    for button in buttons:
        if button["title"] == title:
            return button
    raise AssertionError(f"no button {title!r} in {[b['title'] for b in buttons]}")


@dataclass
class Stack:
    """Running services, their ports, environment, log files and the SQLite database."""

    ports: dict[str, int]
    env: dict[str, str]
    logs: Path
    database: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    sent: list[tuple[str, str]] = field(default_factory=list)  # (sender, message), for log checks

    @property
    def web(self) -> str:
        """Base URL of the web app."""
        return f"http://127.0.0.1:{self.ports['web']}"

    def command(self, name: str, env: dict[str, str] | None = None) -> list[str]:
        """The command line of one service, as in the Procfile."""
        env = env or self.env
        return {
            "actions": [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                        "-p", str(self.ports["actions"])],
            "rasa": [str(RASA_BIN / "python"), "-m", "bot.rasa_speedups", "run", "--enable-api",
                     "--auth-token",
                     env["RASA_TOKEN"], "-i", "127.0.0.1", "-p", str(self.ports["rasa"]),
                     "-m", env["E2E_MODEL"], "--endpoints", "endpoints.yml",
                     "--credentials", "credentials.yml"],
            "web": [sys.executable, "-m", "uvicorn", "bot.web.main:create_app", "--factory",
                    "--host", "127.0.0.1", "--port", str(self.ports["web"]), "--no-access-log"],
        }[name]

    def start(self, name: str, env: dict[str, str] | None = None) -> None:
        """Start one service, appending its output to logs/<name>.log."""
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            self.command(name, env), cwd=PROJECT_ROOT, env=env or self.env,
            stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()

    def stop(self, name: str) -> None:
        """Stop one service and wait for it."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def health(self) -> dict[str, str]:
        """The web app's view of the three services."""
        return httpx.get(f"{self.web}/health", timeout=10).json()

    def wait_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        """Wait until all three services answer; fail with the logs' tails otherwise."""
        everything_ok = {"web": "ok", "rasa": "ok", "actions": "ok"}
        if not wait_for(f"{self.web}/health", lambda r: r.json() == everything_ok, timeout):
            tails = {n: self.log_text(n)[-2000:] for n in ("rasa", "actions", "web")}
            raise RuntimeError(f"the stack did not become healthy; logs: {tails}")

    def log_text(self, name: str) -> str:
        """Everything a service has written so far."""
        path = self.logs / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    @contextmanager
    def actions_with(self, **overrides: str) -> Iterator[None]:
        """Run the action server with other environment values, then restore it."""
        self.stop("actions")
        self.start("actions", {**self.env, **overrides})
        try:
            self.wait_healthy(60)
            yield
        finally:
            self.stop("actions")
            self.start("actions")
            self.wait_healthy(60)

    @contextmanager
    def actions_stopped(self) -> Iterator[None]:
        """The action server is down for the block, then restarted."""
        self.stop("actions")
        try:
            yield
        finally:
            self.start("actions")
            self.wait_healthy(60)

    def post(self, message: str, sender: str) -> httpx.Response:
        """POST /api/chat as the widget does."""
        return httpx.post(
            f"{self.web}/api/chat", json={"sender": sender, "message": message}, timeout=60
        )

    def chat(self, message: str, sender: str | None = None) -> list[Message]:
        """Send one message; the bot's messages (text and buttons)."""
        sender = sender or new_sender()
        self.sent.append((sender, message))
        response = self.post(message, sender)
        assert response.status_code == 200, response.text
        return response.json()["messages"]

    def click(self, messages: list[Message], title: str, sender: str) -> list[Message]:
        """Press the button titled `title` in `messages` by sending its payload."""
        return self.chat(find_button(messages, title)["payload"], sender)

    def parse(self, text: str) -> dict[str, Any]:
        """What the trained model makes of a text (Rasa's HTTP API, token-protected)."""
        response = httpx.post(
            f"http://127.0.0.1:{self.ports['rasa']}/model/parse",
            params={"token": self.env["RASA_TOKEN"]}, json={"text": text}, timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def query(self, sql: str, *params: Any) -> list[tuple]:
        """Rows from the stack's database."""
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql, params).fetchall()

    def execute(self, sql: str, *params: Any) -> None:
        """Change the stack's database (as an admin would)."""
        with sqlite3.connect(self.database) as connection:
            connection.execute(sql, params)


@pytest.fixture(scope="session")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Rasa, the action server and the web app on free loopback ports, once per session."""
    folder = tmp_path_factory.mktemp("e2e")
    ports = {name: free_port() for name in ("rasa", "actions", "web")}
    database = folder / "botti.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "RASA_TOKEN": secrets.token_hex(16),
        "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "ACTIONS_URL": f"http://127.0.0.1:{ports['actions']}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "SANIC_HOST": "127.0.0.1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_TELEMETRY_ENABLED": "false",
        "E2E_MODEL": str(trained_model),
    }
    running = Stack(ports=ports, env=env, logs=folder, database=database)
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "load"], cwd=PROJECT_ROOT, env=env,
        check=True, capture_output=True,
    )
    for name in ("actions", "rasa", "web"):
        running.start(name)
    try:
        running.wait_healthy()
        yield running
    finally:
        for name in list(running.processes):
            running.stop(name)
