"""A throwaway redis-server (Debian's package, installed by scripts/test-deps.sh) on a free port.

It can be stopped and started again on the same port, for the fault tests. A missing server
fails the run with the fix in the message: it is never skipped.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MISSING_SERVER = (
    "redis-server not found. Run `scripts/test-deps.sh` (or `sudo apt-get install -y "
    "redis-server`); `make test` does it."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One redis-server process without persistence; `stop()` and `start()` keep the port."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="asumisbotti-redis-"))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 10
        while not _answers(self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError((self.folder / "redis.log").read_text(errors="replace"))
            time.sleep(0.05)

    def stop(self) -> None:
        """Kill the server (as a crash would) and wait for it."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def remove(self) -> None:
        """Stop and delete its folder."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One redis-server for the test session; fails clearly when not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(MISSING_SERVER, pytrace=False)
    server = RedisServer(binary)
    server.start()
    yield server
    server.remove()
