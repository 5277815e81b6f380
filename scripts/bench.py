"""Open-loop load benchmark of /api/chat: people arrive at fixed rates and think between turns.

For each Rasa worker count (default 1 and 2) the script starts its own Rasa, action server and web
app on free loopback ports (one worker: SQL tracker store on SQLite; more: Redis lock store and a
PostgreSQL tracker store from scripts/local-services.sh), then offers each rate in turn. A rate of
R turns/s starts R/6 conversations a second, each six turns with think time between them. Every
turn goes web app -> Rasa -> action server -> database, so the whole path is measured.
Prints and writes reports/bench.md: p50/p95/p99, errors, CPU seconds per turn, memory (RSS) per
process, the capacity (highest rate with p95 <= 250 ms and no errors) and how a turn's latency
grows over one long conversation (turns 1-10 against 141-150).
Usage: .venv/bin/python scripts/bench.py [--workers 1,2] [--rates 10,20,40,60] [--seconds 20]
       .venv/bin/python scripts/bench.py --url http://127.0.0.1:8000   (a stack already running)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
P95_LIMIT_MS = 250.0
CONVERSATIONS = [
    ["moi", "mulla on vuokrat rästissä kaks kuukautta", "mistä saan rahaa vuokraan",
     "asun tuusulassa", "kiitos", "heippa"],
    ["hei", "sain häätöilmoituksen, mitä nyt", "/inform_kunta{\"kunta\":\"Järvenpää\"}",
     "voiko sossu auttaa", "mitä mun pitäis tehdä", "kiitos"],
    ["asun kaverin sohvalla kun ei oo omaa kämppää", "miten haen vuokra-asuntoa",
     "/inform_kunta{\"kunta\":\"Hyvinkää\"}", "tarviin vuokravakuuden", "kiitti", "moikka"],
    ["miten haen asumistukea", "entä toimeentulotuki", "mulla on paljon velkoja",
     "mistä saa velkaneuvontaa", "/inform_kunta{\"kunta\":\"Nurmijärvi\"}", "kiitos paljon"],
    ["onko ruoka-apua", "/inform_kunta{\"kunta\":\"Mäntsälä\"}", "naapuri metelöi öisin",
     "miten teen muuttoilmoituksen", "tarvitsenko kotivakuutuksen", "ok kiitos"],
]
TURNS_PER_PERSON = 6


# --- measurements -------------------------------------------------------------------------


@dataclass
class Level:
    """Latencies and errors of one offered rate."""

    label: str
    rate: float
    latencies_ms: list[float] = field(default_factory=list)  # turns sent in the steady part
    errors: int = 0  # of all turns
    turns: int = 0  # all turns, ramp-up and ramp-down included
    seconds: float = 0.0
    cpu_s: float | None = None  # CPU seconds of the service processes during the level

    def percentile(self, q: float) -> float:
        """q-th percentile in ms (nearest rank)."""
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else 0.0

    @property
    def ok(self) -> bool:
        """Within the target: p95 <= 250 ms and no errors."""
        return bool(self.latencies_ms) and self.errors == 0 and self.percentile(95) <= P95_LIMIT_MS


async def turn(client: httpx.AsyncClient, url: str, sender: str, text: str) -> tuple[float, bool]:
    """One message through /api/chat: (milliseconds, answered without error)."""
    started = time.perf_counter()
    try:
        response = await client.post(f"{url}/api/chat", json={"sender": sender, "message": text})
        body = response.json()
        ok = response.status_code == 200 and bool(body.get("messages")) and not body["degraded"]
    except (httpx.HTTPError, ValueError, KeyError, AttributeError):
        ok = False
    return (time.perf_counter() - started) * 1000, ok


async def person(client: httpx.AsyncClient, url: str, script: list[str], think_s: list[float],
                 level: Level, steady: tuple[float, float]) -> None:
    """One resident: a fresh anonymous id, a reply, a pause to read and type, the next turn.

    Latencies count only for turns sent within `steady` (perf_counter times): while people
    are still arriving and all the earlier ones are talking."""
    sender = secrets.token_hex(16)
    for index, text in enumerate(script):
        if index:
            await asyncio.sleep(think_s[index])
        sent = time.perf_counter()
        ms, ok = await turn(client, url, sender, text)
        if steady[0] <= sent <= steady[1]:
            level.latencies_ms.append(ms)
        level.turns += 1
        level.errors += 0 if ok else 1


async def offer(url: str, rate: float, seconds: float, think_s: float, seed: int,
                label: str) -> Level:
    """Open loop: a person arrives every 6/rate s whatever the replies; all finish their turns.

    The load is steady once the first arrivals have had their six turns (ramp-up): latencies
    are taken from then until the last arrival."""
    level = Level(label, rate)
    rng = random.Random(seed)
    interval = TURNS_PER_PERSON / rate
    arrivals = int(seconds / interval)
    ramp = min(seconds / 2, (TURNS_PER_PERSON - 1) * think_s)
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:
        started = time.perf_counter()
        steady = (started + ramp, started + seconds)
        people = []
        for index in range(arrivals):
            delay = started + index * interval - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            script = CONVERSATIONS[rng.randrange(len(CONVERSATIONS))]
            pauses = [rng.uniform(0.5, 1.5) * think_s for _ in script]
            people.append(
                asyncio.create_task(person(client, url, script, pauses, level, steady)))
        await asyncio.gather(*people)
        level.seconds = time.perf_counter() - started
    return level


def growth_messages(turns: int) -> list[str]:
    """The long conversation's messages: the topics in a loop, the last ten turns repeating the
    first ten, so that the two p50s compare the same messages early and late (the loop of 30
    would put greetings at turns 1-10 and longer questions at 141-150)."""
    messages = [m for script in CONVERSATIONS for m in script]
    texts = [messages[index % len(messages)] for index in range(turns)]
    if turns >= 20:
        texts[-10:] = texts[:10]
    return texts


@dataclass
class Growth:
    """Turn latencies of one long conversation, and of a new one whose first ten turns
    alternate with the long one's last ten (the same message to each, one after the other)."""

    long: list[float] = field(default_factory=list)
    fresh: list[float] = field(default_factory=list)


async def growth(url: str, turns: int = 150) -> Growth:
    """Milliseconds of each turn of one long conversation (no pauses); the machine's speed
    changes within minutes, so the new conversation's turns, sent in between the last ten,
    meet the same machine as those."""
    texts = growth_messages(turns)
    long_sender, fresh_sender = secrets.token_hex(16), secrets.token_hex(16)
    measured = Growth()
    late = max(0, turns - 10) if turns >= 20 else turns
    async with httpx.AsyncClient(timeout=30) as client:
        async def send(sender: str, text: str) -> float:
            ms, ok = await turn(client, url, sender, text)
            return ms if ok else float("nan")

        for index, text in enumerate(texts):
            if index >= late:
                measured.fresh.append(await send(fresh_sender, text))
            measured.long.append(await send(long_sender, text))
    return measured


# --- processes ------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(stat.parent.name))
    return tree


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Linux /proc)."""
    tree, found, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of the processes (exited ones are not counted)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (0 when gone)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _comm(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return "?"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    """Rasa, the action server and the web app started by the bench (plus Redis/PostgreSQL)."""

    workers: int
    folder: Path
    model: Path
    speedups: bool = True
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    peak_rss: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Base URL of the web app."""
        return f"http://127.0.0.1:{self.ports['web']}"

    @property
    def rasa_command(self) -> list[str]:
        """`rasa`, or `python -m bot.rasa_speedups` (the action-response schema checked once)."""
        if self.speedups:
            return [str(ROOT / ".venv-rasa/bin/python"), "-m", "bot.rasa_speedups"]
        return [str(ROOT / ".venv-rasa/bin/rasa")]

    def _local(self, service: str) -> str:
        """Start Redis or PostgreSQL with scripts/local-services.sh; its `NAME=value` line."""
        result = subprocess.run(["scripts/local-services.sh", service], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, check=True)
        name, _, value = result.stdout.strip().splitlines()[-1].partition("=")
        self.env[name] = value
        return value

    def start(self) -> None:
        """Start the services and wait until /health says all three are up."""
        self.ports = {name: free_port() for name in ("rasa", "actions", "web")}
        self.env = {**os.environ, "RUNTIME_DIR": str(self.folder / "runtime"),
                    "RASA_TOKEN": secrets.token_hex(16),
                    "RASA_URL": f"http://127.0.0.1:{self.ports['rasa']}",
                    "ACTIONS_URL": f"http://127.0.0.1:{self.ports['actions']}",
                    "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['actions']}/webhook",
                    "RASA_WORKERS": str(self.workers), "SANIC_WORKERS": str(self.workers),
                    "SANIC_HOST": "127.0.0.1", "TF_CPP_MIN_LOG_LEVEL": "2",
                    "RASA_TELEMETRY_ENABLED": "false", "PYTHONHASHSEED": "0",
                    "RATE_LIMIT_PER_MINUTE": "1000000"}  # the bench measures, not the limit
        for name in ("REDIS_URL", "TRACKER_DB_URL"):
            self.env.pop(name, None)
        if self.workers > 1:
            self._local("redis")
            self._local("postgres")
        else:
            self.env["TRACKER_DB_URL"] = f"sqlite:///{self.folder / 'trackers.db'}"
        endpoints = self.folder / "endpoints.yml"
        # As `make run` writes it.
        command = [str(ROOT / ".venv/bin/asumisbotti"), "runtime", "endpoints", "--out",
                   str(endpoints)]
        subprocess.run(command, cwd=ROOT, env=self.env, check=True, capture_output=True)
        python = sys.executable
        commands = {
            "actions": [python, "-m", "rasa_sdk", "--actions", "actions",
                        "-p", str(self.ports["actions"])],
            "rasa": [*self.rasa_command, "run", "--enable-api", "--auth-token",
                     self.env["RASA_TOKEN"], "-i", "127.0.0.1", "-p", str(self.ports["rasa"]),
                     "-m", str(self.model), "--endpoints", str(endpoints),
                     "--credentials", "credentials.yml"],
            "web": [python, "-m", "uvicorn", "bot.web.main:create_app", "--factory", "--host",
                    "127.0.0.1", "--port", str(self.ports["web"]), "--no-access-log"],
        }
        web_env = {k: v for k, v in self.env.items() if k != "REDIS_URL"}  # one web worker
        for name, command in commands.items():
            with (self.folder / f"{name}.log").open("ab") as log:
                self.processes[name] = subprocess.Popen(
                    command, cwd=ROOT, env=web_env if name == "web" else self.env,
                    stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError, ValueError):
                health = httpx.get(f"{self.url}/health", timeout=3).json()
                if health == {"web": "ok", "rasa": "ok", "actions": "ok"}:
                    self.sample_memory()
                    return
            if any(p.poll() is not None for p in self.processes.values()):
                break
            time.sleep(1)
        raise RuntimeError(f"services did not start; logs in {self.folder}")

    def pids(self) -> dict[str, list[int]]:
        """Process ids of each service (workers included), Redis and PostgreSQL too."""
        found = {name: process_tree(p.pid) for name, p in self.processes.items()}
        runtime = self.folder / "runtime"
        for name, pid_file in (("redis", runtime / "redis.pid"),
                               ("postgresql", runtime / "pg/data/postmaster.pid")):
            with contextlib.suppress(OSError, ValueError, IndexError):
                found[name] = process_tree(int(pid_file.read_text().split()[0]))
        return found

    def all_pids(self) -> list[int]:
        """Every process of the stack."""
        return [pid for pids in self.pids().values() for pid in pids]

    def sample_memory(self) -> None:
        """Remember the highest RSS: of each Rasa process (a worker holds its own model), and
        of each other service as the sum over its processes."""
        for name, pids in self.pids().items():
            if name == "rasa":
                for index, pid in enumerate(pids):
                    key = "rasa (main)" if index == 0 else f"rasa worker {index} ({_comm(pid)})"
                    self.peak_rss[key] = max(self.peak_rss.get(key, 0.0), rss_mb(pid))
            else:
                total = sum(rss_mb(pid) for pid in pids)
                self.peak_rss[name] = max(self.peak_rss.get(name, 0.0), total)

    def stop(self) -> None:
        """Stop the services (and Redis/PostgreSQL if the bench started them)."""
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.workers > 1:
            subprocess.run(["scripts/local-services.sh", "stop"], cwd=ROOT, env=self.env,
                           capture_output=True)


@contextlib.contextmanager
def running_stack(workers: int, model: Path, speedups: bool | None = None) -> Iterator[Stack]:
    """A started stack in a temporary folder, stopped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f"asumisbotti-bench-{workers}w-"))
    if os.geteuid() == 0:  # PostgreSQL runs as the postgres user: it must reach its folder
        folder.chmod(0o755)
    if speedups is None:  # as `make run` starts Rasa
        speedups = "bot.rasa_speedups" in (ROOT / "Procfile").read_text(encoding="utf-8")
    stack = Stack(workers, folder, model, speedups)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)


async def measure(stack: Stack | None, url: str, args: argparse.Namespace,
                  label: str) -> tuple[list[Level], Growth]:
    """Warm up, offer each rate (stop after the first clearly saturated one), then growth."""
    await offer(url, 4, 6, 0.2, 0, "warm-up")
    levels = []
    for index, rate in enumerate(float(r) for r in args.rates.split(",")):
        before = cpu_seconds(stack.all_pids()) if stack else None
        sampler = asyncio.create_task(_sample(stack)) if stack else None
        level = await offer(url, rate, args.seconds, args.think, index + 1, label)
        if sampler:
            sampler.cancel()
        if stack and before is not None:
            level.cpu_s = cpu_seconds(stack.all_pids()) - before
        levels.append(level)
        print(_row(level), flush=True)
        if level.percentile(50) > 4 * P95_LIMIT_MS or level.errors > level.turns / 2:
            break  # saturated: higher rates only take longer to say the same
    return levels, await growth(url, args.growth_turns)


async def _sample(stack: Stack | None) -> None:
    while stack:
        stack.sample_memory()
        await asyncio.sleep(1)


# --- report ---------------------------------------------------------------------------------


def _row(level: Level) -> str:
    n = level.turns
    cpu = f"{level.cpu_s / n * 1000:.1f}" if level.cpu_s is not None and n else "n/a"
    return (f"| {level.label} | {level.rate:g} | {n} | {len(level.latencies_ms)} | "
            f"{level.percentile(50):.0f} | {level.percentile(95):.0f} | "
            f"{level.percentile(99):.0f} | {level.errors} | {cpu} | "
            f"{'yes' if level.ok else 'no'} |")


LEVEL_HEADER = ("| Rasa workers | offered turns/s | turns | steady turns | p50 ms | p95 ms | "
                "p99 ms | errors | CPU ms/turn | p95 <= 250 ms, 0 errors |\n"
                "|---|---|---|---|---|---|---|---|---|---|")


def capacity(levels: list[Level]) -> str:
    """The highest offered rate that stayed within the target (every lower one did too)."""
    best = None
    for level in levels:
        if not level.ok:
            break
        best = level.rate
    return f"{best:g} turns/s" if best is not None else "below the lowest rate offered"


def growth_row(label: str, measured: Growth) -> str:
    """p50 of turns 1-10 and of a new conversation's turns 1-10 against turns 141-150 (or the
    last ten) of the long one, their ratios, and whether each is within 1.2x."""
    late = statistics.median(measured.long[-10:])
    ratios = []
    cells = [label, str(len(measured.long))]
    for early_turns in (measured.long[:10], measured.fresh):
        early = statistics.median(early_turns) if early_turns else float("nan")
        ratios.append(late / early)
        cells.append(f"{early:.0f}")
    cells.insert(3, f"{late:.0f}")
    cells += [f"{ratio:.2f}" for ratio in ratios]
    cells.append(" / ".join("yes" if ratio <= 1.2 else "no" for ratio in ratios))
    return "| " + " | ".join(cells) + " |"


def report(results: dict[str, tuple[list[Level], Growth]], memory: dict[str, dict],
           args: argparse.Namespace) -> str:
    """The Markdown written to reports/bench.md."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rasa = {True: "python -m bot.rasa_speedups run", False: "rasa run", None: "as started"}
    lines = ["# /api/chat load benchmark (open loop)", "", f"Rasa: {rasa[args.speedups_used]}.",
             "",
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores "
             f"({platform.processor() or platform.machine()}), load average before: {load}. "
             f"Each rate for {args.seconds:g} s; people arrive at rate/6 a second, six turns "
             f"each, think time {args.think:g} s ± 50 %. Percentiles over the steady turns (sent "
             "after the ramp-up, before the last arrival); errors over all turns; CPU ms/turn: "
             "user + system CPU of all service processes (web, Rasa, actions, Redis, "
             "PostgreSQL) per turn.", "",
             LEVEL_HEADER]
    lines += [_row(level) for levels, _ in results.values() for level in levels]
    lines += ["", "Capacity (highest rate with p95 <= 250 ms and 0 errors):", ""]
    lines += [f"- {label}: {capacity(levels)}" for label, (levels, _) in results.items()]
    lines += ["", "## One long conversation", "",
              "Turns 141-150 repeat the messages of turns 1-10. The second comparison is with a "
              "new conversation whose turns 1-10 alternate with turns 141-150 (the same message "
              "to each, one right after the other), so a change of the machine's speed falls "
              "on both.", "",
              "| Rasa workers | turns | p50 ms turns 1-10 | p50 ms turns 141-150 "
              "| p50 ms new conversation, alternating | ratio to turns 1-10 "
              "| ratio to new conversation | within 1.2x |", "|---|---|---|---|---|---|---|---|"]
    lines += [growth_row(label, g) for label, (_, g) in results.items() if len(g.long) >= 20]
    if memory:
        lines += ["", "## Memory (peak RSS, MB: each Rasa process; other services summed over "
                  "their processes)", "",
                  "| Rasa workers | process | RSS MB |", "|---|---|---|"]
        lines += [f"| {label} | {name} | {mb:.0f} |"
                  for label, peaks in memory.items() for name, mb in sorted(peaks.items())]
    return "\n".join(lines) + "\n"


def newest_model() -> Path:
    """models/asumisbotti.tar.gz, or the newest archive in models/."""
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit("no trained model in models/: run `make train`")
    return models[-1]


def main() -> int:
    """Run the bench for every worker count (or against --url), print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="bench a stack that is already running (no CPU/memory)")
    parser.add_argument("--workers", default="1,2", help="Rasa worker counts to start")
    parser.add_argument("--rates", default="10,20,40,60", help="offered turns per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="arrivals per rate")
    parser.add_argument("--think", type=float, default=1.5, help="mean think time (s)")
    parser.add_argument("--growth-turns", type=int, default=150)
    parser.add_argument("--model", type=Path, help="model archive (default: newest)")
    parser.add_argument("--speedups", action=argparse.BooleanOptionalAction, default=None,
                        help="run Rasa through bot.rasa_speedups (default: as the Procfile)")
    parser.add_argument("--report", default="reports/bench.md")
    args = parser.parse_args()
    print(LEVEL_HEADER, flush=True)
    results, memory = {}, {}
    args.speedups_used = None
    if args.url:
        results["running stack"] = asyncio.run(measure(None, args.url.rstrip("/"), args,
                                                       "running stack"))
    else:
        model = args.model or newest_model()
        for workers in (int(w) for w in args.workers.split(",")):
            label = str(workers)
            with running_stack(workers, model, args.speedups) as stack:
                args.speedups_used = stack.speedups
                results[label] = asyncio.run(measure(stack, stack.url, args, label))
                memory[label] = dict(stack.peak_rss)
    text = report(results, memory, args)
    print(text)
    path = ROOT / args.report
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return 1 if any(level.errors for levels, _ in results.values() for level in levels) else 0


if __name__ == "__main__":
    raise SystemExit(main())
