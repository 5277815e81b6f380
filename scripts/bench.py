"""Load benchmark of /api/chat: realistic multi-turn Finnish conversations at fixed concurrency.

Every turn goes web app -> Rasa -> action server -> database, so the whole path is measured.
Usage: .venv/bin/python scripts/bench.py [--url http://127.0.0.1:8000] [--turns 6]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

CONVERSATIONS = [
    ["moi", "mulla on vuokrat rästissä kaks kuukautta", "mistä saan rahaa vuokraan",
     "asun tuusulassa", "kiitos", "heippa"],
    ["hei", "sain häätöilmoituksen, mitä nyt", "/inform_kunta{\"kunta\":\"Järvenpää\"}",
     "voiko sossu auttaa", "haluan puhua ihmiselle", "/deny"],
    ["asun kaverin sohvalla kun ei oo omaa kämppää", "miten haen vuokra-asuntoa",
     "/inform_kunta{\"kunta\":\"Hyvinkää\"}", "tarviin vuokravakuuden", "kiitti", "moikka"],
    ["miten haen asumistukea", "entä toimeentulotuki", "mulla on paljon velkoja",
     "mistä saa velkaneuvontaa", "/inform_kunta{\"kunta\":\"Nurmijärvi\"}", "kiitos paljon"],
    ["onko ruoka-apua", "/inform_kunta{\"kunta\":\"Mäntsälä\"}", "naapuri metelöi öisin",
     "miten teen muuttoilmoituksen", "tarvitsenko kotivakuutuksen", "ok kiitos"],
]


@dataclass
class LevelResult:
    """Latencies and errors of one concurrency level."""

    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        """q-th percentile in ms (nearest rank)."""
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else 0.0


async def conversation(client: httpx.AsyncClient, url: str, turns: list[str], result: LevelResult):
    """One user: a fresh anonymous id, turns sent one after another."""
    sender = secrets.token_hex(16)
    for text in turns:
        started = time.perf_counter()
        try:
            body = {"sender": sender, "message": text}
            response = await client.post(f"{url}/api/chat", json=body)
            ok = response.status_code == 200 and response.json().get("messages")
        except (httpx.HTTPError, ValueError):
            ok = False
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.errors += 0 if ok else 1


async def run_level(url: str, concurrency: int, rounds: int, turns: int) -> LevelResult:
    """`concurrency` conversations at a time, `rounds` times each (bounded by a semaphore)."""
    result = LevelResult(concurrency)
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def one(index: int) -> None:
        async with gate:
            script = CONVERSATIONS[index % len(CONVERSATIONS)][:turns]
            await conversation(client, url, script, result)

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(concurrency * rounds)))
        result.seconds = time.perf_counter() - started
    return result


def markdown(results: list[LevelResult]) -> str:
    """The table printed and written to reports/bench.md."""
    lines = [
        "| concurrent conversations | turns | turns/s | p50 ms | p95 ms | p99 ms | mean ms "
        "| errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        n = len(r.latencies_ms)
        lines.append(
            f"| {r.concurrency} | {n} | {n / r.seconds:.1f} | {r.percentile(50):.0f} | "
            f"{r.percentile(95):.0f} | {r.percentile(99):.0f} | "
            f"{statistics.fmean(r.latencies_ms):.0f} | {r.errors} |"
        )
    return "\n".join(lines)


async def main() -> int:
    """Warm up, then measure 1, 10 and 20 concurrent conversations."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--levels", default="1,10,20")
    parser.add_argument("--report", default="reports/bench.md")
    args = parser.parse_args()
    await run_level(args.url, 2, 1, args.turns)  # warm-up: model graphs, connections
    results = [
        await run_level(args.url, int(level), args.rounds, args.turns)
        for level in args.levels.split(",")
    ]
    table = markdown(results)
    print(table)
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(f"# /api/chat load benchmark\n\n{table}\n", encoding="utf-8")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
