"""Prints the chat URL once the web app answers, then stays idle (honcho stops all on exit)."""

from __future__ import annotations

import os
import signal
import sys
import time

import httpx


def wait_until_ready(url: str, timeout_s: float = 300.0) -> dict[str, str] | None:
    """Poll `/health` until the web app and Rasa answer; None on timeout."""
    deadline = time.monotonic() + timeout_s
    status = None
    while time.monotonic() < deadline:
        try:
            status = httpx.get(f"{url}/health", timeout=5).json()
            if status.get("rasa") == "ok":
                return status
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(2)
    return status


def main() -> None:
    """Announce readiness, then wait for honcho's signal."""
    port = os.environ.get("WEB_PORT", "8000")
    url = f"http://localhost:{port}"
    status = wait_until_ready(f"http://127.0.0.1:{port}")
    if status and status.get("rasa") == "ok":
        print(f"Asumisen Botti on valmis / ready: {url}  (status {status})", flush=True)
    else:
        print(f"Web app at {url}, but Rasa is not ready yet (status {status})", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
