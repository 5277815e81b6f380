"""The services as in a scaled deployment: two Rasa workers on a Redis lock store and a
PostgreSQL tracker store, the action server and the web app (rate limit in Redis).

Built from tests/e2e/stack.py; Rasa runs in its own process group so that a test can kill it
(or one of its workers) the way a crash would. Its Redis and PostgreSQL are private to the
module, so stopping them disturbs no other test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.paths import PROJECT_ROOT
from tests.databases import PostgresCluster, pg_bin_dir
from tests.e2e.stack import Stack, free_port, wait_for
from tests.redis_server import RedisServer

RASA_WORKERS = 2
# Two workers load the model side by side: on a busy 2-core machine this takes minutes.
START_TIMEOUT_S = 900.0
# A conversation's lock outlives a killed worker only this long (Rasa's default is 60 s).
TICKET_LOCK_LIFETIME_S = 15
WORKER_MIN_RSS_KB = 300_000  # a worker with the model loaded; the master and helpers are small


@dataclass
class RuntimeStack(Stack):
    """A Stack whose Rasa reads generated endpoints and runs `RASA_WORKERS` workers."""

    endpoints: Path = Path()
    redis: RedisServer | None = None
    postgres: PostgresCluster | None = None
    tracker_db_url: str = ""
    groups: dict[str, int] = field(default_factory=dict)

    def command(self, name: str, env: dict[str, str] | None = None) -> list[str]:
        """As in the Procfile, with Rasa on the generated endpoints file."""
        line = super().command(name, env)
        if name == "rasa":
            line[line.index("--endpoints") + 1] = str(self.endpoints)
        return line

    def start(self, name: str, env: dict[str, str] | None = None) -> None:
        """Start a service in its own process group (so that all its workers can be killed)."""
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            self.command(name, env), cwd=PROJECT_ROOT, env=env or self.env,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        self.processes[name] = process
        self.groups[name] = process.pid

    def stop(self, name: str) -> None:
        """Stop a service and every process of its group."""
        process = self.processes.pop(name, None)
        group = self.groups.pop(name, None)
        if process is None or group is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)

    def crash(self, name: str) -> None:
        """SIGKILL the service's whole process group: no shutdown, no flushing."""
        group = self.groups.pop(name)
        os.killpg(group, signal.SIGKILL)
        self.processes.pop(name).wait(timeout=10)

    def rasa_workers(self) -> list[int]:
        """Process ids of the Rasa workers that have loaded the model."""
        master = self.processes["rasa"].pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [int(pid) for pid in children if _rss_kb(int(pid)) > WORKER_MIN_RSS_KB]

    def busiest_worker(self, sample_s: float = 0.3) -> int:
        """The Rasa worker that used the most CPU over `sample_s` (likely mid-request)."""
        workers = self.rasa_workers()
        before = {pid: _cpu_ticks(pid) for pid in workers}
        time.sleep(sample_s)
        return max(workers, key=lambda pid: _cpu_ticks(pid) - before[pid])

    def wait_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        """Wait until every service (Redis too, when the web app uses it) reports ok."""
        def ok(response: httpx.Response) -> bool:
            return set(response.json().values()) == {"ok"}

        if not wait_for(f"{self.web}/health", ok, timeout):
            tails = {n: self.log_text(n)[-3000:] for n in ("rasa", "actions", "web")}
            raise RuntimeError(f"the stack did not become healthy; logs: {tails}")
        # Rasa falls back to memory quietly when it cannot load the configured tracker store.
        assert "Using `InMemoryTrackerStore`" not in self.log_text("rasa")

    def tracker_texts(self, sender: str) -> list[str]:
        """Texts of the sender's user messages as Rasa's tracker store has them."""
        response = httpx.get(
            f"http://127.0.0.1:{self.ports['rasa']}/conversations/{sender}/tracker",
            params={"token": self.env["RASA_TOKEN"], "include_events": "ALL"}, timeout=30,
        )
        response.raise_for_status()
        return [e.get("text") for e in response.json()["events"] if e["event"] == "user"]

    def restart_postgres(self, down_s: float) -> None:
        """Stop PostgreSQL as a crash would (immediate), keep it down, start it again."""
        assert self.postgres is not None
        pg_ctl(self.postgres, "-m", "immediate", "stop")
        time.sleep(down_s)
        start_durable(self.postgres)


def pg_ctl(cluster: PostgresCluster, *args: str) -> None:
    """Run pg_ctl on the cluster's data folder."""
    cluster._run(str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.folder / "db"), *args)


def start_durable(cluster: PostgresCluster) -> None:
    """Start the cluster with commits durable against a server crash (the shared test cluster
    runs with synchronous_commit=off, which loses the last commits on an immediate stop)."""
    options = f"-p {cluster.port} -k {cluster.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl(cluster, "-l", str(cluster.folder / "log"), "-o", options, "-w", "start")


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Turn:
    """One message of the load and what came back."""

    sender: str
    text: str
    status: int
    degraded: bool
    replies: list[dict[str, Any]]

    @property
    def answered(self) -> bool:
        """A real answer from Rasa (not the web app's notice for Rasa being unavailable)."""
        return self.status == 200 and not self.degraded and bool(self.replies)


# Topic questions a resident might send; each conversation goes round them.
LOAD_MESSAGES = (
    "mulla on vuokrat rästissä", "miten haen asumistukea", "sain häätöilmoituksen mitä teen",
    "voiko sossusta saada apua vuokraan", "mistä löydän asunnon", "kiitos",
)


async def _conversation(client: httpx.AsyncClient, web: str, sender: str, stop: asyncio.Event,
                        turns: list[Turn], think_s: float) -> None:
    index = 0
    while not stop.is_set():
        text = LOAD_MESSAGES[index % len(LOAD_MESSAGES)]
        index += 1
        try:
            response = await client.post(f"{web}/api/chat",
                                          json={"sender": sender, "message": text})
            body = response.json()
            turns.append(Turn(sender, text, response.status_code, bool(body.get("degraded")),
                              body.get("messages") or []))
        except (httpx.HTTPError, ValueError):
            turns.append(Turn(sender, text, 0, True, []))
        await asyncio.sleep(think_s)


async def run_load(web: str, senders: list[str], seconds: float, fault: Any = None,
                   fault_after_s: float = 2.0, think_s: float = 0.2) -> list[Turn]:
    """Conversations send messages for `seconds`; `fault()` runs (in a thread) meanwhile."""
    turns: list[Turn] = []
    stop = asyncio.Event()
    async with httpx.AsyncClient(timeout=60) as client:
        tasks = [asyncio.create_task(_conversation(client, web, s, stop, turns, think_s))
                 for s in senders]
        await asyncio.sleep(fault_after_s)
        if fault is not None:
            await asyncio.to_thread(fault)
        await asyncio.sleep(max(0.0, seconds - fault_after_s))
        stop.set()
        await asyncio.gather(*tasks)
    return turns


def is_subsequence(items: list[str], of: list[str | None]) -> bool:
    """True when `items` appear in `of` in the same order (others may lie between)."""
    rest = iter(of)
    return all(any(item == other for other in rest) for item in items)


@pytest.fixture(scope="module")
def runtime(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        RuntimeStack]:
    """Two Rasa workers, Redis, PostgreSQL trackers, actions and web, for one test module."""
    bin_dir = pg_bin_dir()
    redis_binary = shutil.which("redis-server")
    if bin_dir is None or not redis_binary:
        pytest.fail("PostgreSQL or redis-server missing: run scripts/test-deps.sh", pytrace=False)
    folder = tmp_path_factory.mktemp("runtime")
    postgres, redis = PostgresCluster(bin_dir), RedisServer(redis_binary)
    postgres.start()
    pg_ctl(postgres, "-m", "fast", "-w", "stop")
    start_durable(postgres)
    redis.start()
    tracker_db_url = postgres.create_database()
    ports = {name: free_port() for name in ("rasa", "actions", "web")}
    database = folder / "botti.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "TRACKER_DB_URL": tracker_db_url,
        "REDIS_URL": redis.url,
        "RASA_WORKERS": str(RASA_WORKERS),
        "SANIC_WORKERS": str(RASA_WORKERS),
        "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME_S),
        "RATE_LIMIT_PER_MINUTE": "1000",
        "RASA_TOKEN": "runtime-" + os.urandom(8).hex(),
        "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "ACTIONS_URL": f"http://127.0.0.1:{ports['actions']}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "SANIC_HOST": "127.0.0.1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_TELEMETRY_ENABLED": "false",
        "E2E_MODEL": str(trained_model),
    }
    endpoints = folder / "endpoints.yml"
    for command in (["content", "load"], ["runtime", "endpoints", "--out", str(endpoints)]):
        subprocess.run([sys.executable, "-m", "bot.cli", *command], cwd=PROJECT_ROOT, env=env,
                       check=True, capture_output=True)
    running = RuntimeStack(ports=ports, env=env, logs=folder, database=database,
                           endpoints=endpoints, redis=redis, postgres=postgres,
                           tracker_db_url=tracker_db_url)
    try:
        for name in ("actions", "rasa", "web"):
            running.start(name)
        running.wait_healthy()
        yield running
    finally:
        for name in list(running.processes):
            running.stop(name)
        redis.remove()
        postgres.stop()
