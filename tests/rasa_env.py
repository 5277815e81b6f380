"""Runs a test script in the Rasa environment (.venv-rasa), where Rasa's own classes live."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from bot.paths import PROJECT_ROOT
from tests.conftest import RASA_BIN


def run_script(script: str, *args: str, timeout: float = 300) -> Any:
    """Run `script` with .venv-rasa's Python; the JSON on its last output line."""
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    out = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True,
                         timeout=timeout, cwd=PROJECT_ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


# Prepended to a script: `serve(answer)` starts an action endpoint on a free loopback port that
# replies `answer(request_body) -> (status, json_body)`; it returns the server and webhook URL.
ACTION_ENDPOINT = r"""
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def serve(answer):
    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            status, reply = answer(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/webhook"
"""
