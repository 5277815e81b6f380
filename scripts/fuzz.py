"""Odd input through `POST /api/chat`: no request may give a server error, health stays OK.

Deterministic (a seed): binary, huge, empty, emoji, control and bidi characters, slash/payload
syntax, JSON of the wrong shape, wrong content types, deep nesting and bursts on one sender.
Every response must be a 2xx/4xx with the API's JSON shape; 5xx, transport errors, malformed
bodies and degraded answers (Rasa failed on the input) are failures. Writes a category x status
table to reports/fuzz.md.
Usage: .venv/bin/python scripts/fuzz.py [--requests 10000] [--url http://127.0.0.1:8000]
(without --url it starts Rasa, the action server and the web app itself, as scripts/bench.py does)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import string
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

JSON_TYPE = "application/json"
HEALTHY = {"web": "ok", "rasa": "ok", "actions": "ok"}
EMOJI = ["😀", "🏠", "💸", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇮", "❤️", "🔥", "🤷🏽‍♀️", "🙏"]
CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e",
        "\u200b", "\u200d", "\ufeff", "\u2060", "\U000e0041", "\U000e0062"]
WORDS = ["moi", "mulla", "on", "vuokrat", "rästissä", "kämppä", "häätö", "sossu", "apua",
         "asumistuki", "Tuusula", "velkaa", "en", "jaksa", "kiitos", "heippa", "ok"]
PAYLOADS = ["/kriisi", "/session_start", "/restart", "/greet", "/affirm", "/deny",
            "/start_audit", "/action_listen", "/nlu_fallback", "/inform_kunta",
            '/inform_kunta{"kunta":"Järvenpää"}', '/inform_kunta{"kunta":"Helsinki"}',
            '/intent{"a":1}', '/valinta{"valinta":"k01:x"}', '/valinta{"valinta":"nope"}',
            '/valinta{"valinta":', "/vuokravelka{}", "//", "/ /kriisi", "/", "/" * 50,
            '/EXTERNAL_trigger{"x":1}', "/kriisi{", '/{"":""}', "/ääkkönen",
            "/intent_that_does_not_exist", '/inform_kunta{"kunta":["a","b"]}',
            '/inform_kunta{"kunta":null}', '/inform_kunta{"kunta":' + '"x"' * 3 + "}"]
CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                 "application/xml", "", "application/json; charset=latin-1",
                 "application/json; charset=utf-16", "image/png"]


@dataclass(frozen=True)
class Case:
    """One request: its category, body and content type; `burst` requests share one sender."""

    category: str
    body: bytes
    content_type: str = JSON_TYPE
    burst: int = 1


@dataclass
class Outcome:
    """Counts per (category, status) and the failures seen (first few kept as examples)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    health: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Requests that gave a server error, a broken body or a degraded answer."""
        return sum(n for (_, status), n in self.counts.items() if status.startswith("FAIL"))


def _sender(rng: random.Random) -> str:
    return "fz" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=22))


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, k=n))


def _chat(rng: random.Random, message: object, sender: object = None) -> bytes:
    body = {"sender": _sender(rng) if sender is None else sender, "message": message}
    return json.dumps(body, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def _binary(rng: random.Random) -> Case:
    choice = rng.randrange(4)
    if choice == 0:
        return Case("binary", rng.randbytes(rng.randint(1, 4096)))
    if choice == 1:  # JSON around invalid UTF-8
        return Case("binary", b'{"sender":"' + _sender(rng).encode() + b'","message":"'
                    + rng.randbytes(rng.randint(1, 64)) + b'"}')
    if choice == 2:  # a lone surrogate, valid JSON but not valid text
        return Case("binary", _chat(rng, "apua") .replace(b"apua", b"ap\\ud800ua"))
    return Case("binary", b"\x00" * rng.randint(1, 2048))


def _huge(rng: random.Random) -> Case:
    choice = rng.randrange(4)
    if choice == 0:  # over the body limit
        return Case("huge", _chat(rng, "a" * rng.randint(17_000, 300_000)))
    if choice == 1:  # under the body limit, over the character limit
        text = _words(rng, rng.randint(200, 1500))[: rng.randint(1001, 9000)]
        return Case("huge", _chat(rng, text))
    if choice == 2:  # at the character limit exactly
        return Case("huge", _chat(rng, ("kämppä " * 200)[:1000]))
    return Case("huge", b"[" * rng.randint(1000, 16_000))  # deep nesting


def _empty(rng: random.Random) -> Case:
    return Case("empty", rng.choice([
        b"", b"{}", b"null", b'""', _chat(rng, ""), _chat(rng, "   \n\t "),
        _chat(rng, "\u200b\u200b"), _chat(rng, "\u00a0"), b'{"sender":"","message":""}',
    ]))


def _emoji(rng: random.Random) -> Case:
    parts = rng.choices(EMOJI, k=rng.randint(1, 40))
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts) + 1), _words(rng, rng.randint(1, 6)))
    return Case("emoji", _chat(rng, "".join(parts)))


def _control(rng: random.Random) -> Case:
    text = list(_words(rng, rng.randint(1, 8)))
    for _ in range(rng.randint(1, 5)):
        text.insert(rng.randrange(len(text) + 1), rng.choice(CONTROL))
    return Case("control", _chat(rng, "".join(text)))


def _bidi(rng: random.Random) -> Case:
    text = list(_words(rng, rng.randint(1, 8)))
    for _ in range(rng.randint(1, 8)):
        text.insert(rng.randrange(len(text) + 1), rng.choice(BIDI))
    if rng.random() < 0.2:  # crisis words hidden behind format characters
        text = list("\u202eha\u200blua\u200bn kuol\u2060la")
    return Case("bidi", _chat(rng, "".join(text)))


def _payload(rng: random.Random) -> Case:
    text = rng.choice(PAYLOADS)
    if rng.random() < 0.3:
        text = rng.choice(["", " ", "  ", "\n"]) + text + rng.choice(["", " moi", "{}", "}"])
    return Case("payload", _chat(rng, text))


def _wrong_shape(rng: random.Random) -> Case:
    sender = _sender(rng)
    bodies: list[object] = [
        [], [sender, "moi"], 42, 3.14, True, "moi", {"sender": sender},
        {"message": "moi"}, {"sender": sender, "message": 5},
        {"sender": sender, "message": ["moi"]}, {"sender": sender, "message": {"text": "moi"}},
        {"sender": sender, "message": None}, {"sender": 123, "message": "moi"},
        {"sender": ["x"], "message": "moi"}, {"sender": "lyhyt", "message": "moi"},
        {"sender": "x" * 65, "message": "moi"}, {"sender": "../../etc/passwd", "message": "moi"},
        {"sender": "a b c d e f g h", "message": "moi"}, {"sender": sender + "ä", "message": "m"},
        {"sender": sender, "message": "moi", "professional": {"x": 1}},
        {"sender": sender, "message": "moi", "professional": "not-a-token"},
        {"sender": sender, "message": "moi", "extra": [1, 2, 3], "metadata": {"a": "b"}},
        {"sender": sender, "message": "1e999"}, {"sender": sender, "message": "moi" * 0},
    ]
    raw = rng.choice([
        *(json.dumps(b).encode() for b in bodies),
        b"{", b'{"sender":', b"{'sender': 'x'}", b"NaN", b'{"sender":"%s","message":"moi",}'
        % sender.encode(), b'{"message":"moi","message":"hei","sender":"%s"}' % sender.encode(),
        b'{"sender":"%s","message":1e999999}' % sender.encode(),
    ])
    return Case("wrong_shape", raw)


def _content_type(rng: random.Random) -> Case:
    kind = rng.choice(CONTENT_TYPES)
    body = rng.choice([_chat(rng, _words(rng, 3)), b"sender=abcdefgh12&message=moi",
                       "kämppä".encode("latin-1"), "moi".encode("utf-16")])
    return Case("content_type", body, kind)


def _burst(rng: random.Random) -> Case:
    return Case("same_sender", _chat(rng, _words(rng, rng.randint(1, 5)), "burst"),
                burst=rng.randint(4, 12))


GENERATORS: dict[str, Callable[[random.Random], Case]] = {
    "binary": _binary, "huge": _huge, "empty": _empty, "emoji": _emoji, "control": _control,
    "bidi": _bidi, "payload": _payload, "wrong_shape": _wrong_shape,
    "content_type": _content_type, "same_sender": _burst,
}
# A burst sends 4-12 requests at once, so it is drawn less often than the single requests.
WEIGHTS = {"same_sender": 0.12}


def cases(seed: int, total: int) -> list[Case]:
    """`total` requests in all (a burst counts each of its requests), the same for a seed."""
    rng = random.Random(seed)
    names = sorted(GENERATORS)
    weights = [WEIGHTS.get(name, 1.0) for name in names]
    planned: list[Case] = []
    count = 0
    while count < total:
        case = GENERATORS[rng.choices(names, weights)[0]](rng)
        if case.burst > 1:
            sender = _sender(rng)
            case = Case(case.category, case.body.replace(b'"burst"', f'"{sender}"'.encode()),
                        case.content_type, min(case.burst, total - count))
        planned.append(case)
        count += case.burst
    return planned


def judge(response: httpx.Response) -> str:
    """The status label of one response; labels starting with FAIL are failures."""
    if response.status_code >= 500:
        return f"FAIL {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return f"FAIL {response.status_code} not json"
    if response.status_code == 200:
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return "FAIL 200 shape"
        return "FAIL 200 degraded" if body.get("degraded") else "200"
    if not isinstance(body, dict) or not isinstance(body.get("error"), str):
        return f"FAIL {response.status_code} shape"
    return str(response.status_code)


async def _send(client: httpx.AsyncClient, url: str, case: Case) -> list[str]:
    headers = {"content-type": case.content_type} if case.content_type else {}

    async def one() -> str:
        try:
            response = await client.post(f"{url}/api/chat", content=case.body, headers=headers)
        except httpx.HTTPError as exc:
            return f"FAIL {type(exc).__name__}"
        return judge(response)

    return list(await asyncio.gather(*(one() for _ in range(case.burst))))


async def _wait_healthy(client: httpx.AsyncClient, url: str, timeout_s: float = 300) -> None:
    """Wait until /health says all three services are up (a fuzz of a half-started stack
    would only count connection errors); raises RuntimeError on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError, ValueError):
            if (await client.get(f"{url}/health", timeout=5)).json() == HEALTHY:
                return
        await asyncio.sleep(1)
    raise RuntimeError(f"{url}/health did not report all services up in {timeout_s:.0f} s")


async def run(url: str, seed: int, total: int, concurrency: int = 8) -> Outcome:
    """Send the cases with at most `concurrency` requests in flight, then check /health."""
    outcome = Outcome()
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency + 16)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def task(case: Case) -> None:
            async with gate:
                for status in await _send(client, url, case):
                    outcome.counts[(case.category, status)] += 1
                    outcome.requests += 1
                    if status.startswith("FAIL") and len(outcome.failures) < 20:
                        outcome.failures.append(f"{case.category}: {status}: {case.body[:120]!r}")

        await _wait_healthy(client, url)
        started = time.perf_counter()
        await asyncio.gather(*(task(c) for c in cases(seed, total)))
        outcome.seconds = time.perf_counter() - started
        try:
            outcome.health = (await client.get(f"{url}/health", timeout=10)).json()
        except (httpx.HTTPError, ValueError) as exc:
            outcome.health = {"error": type(exc).__name__}
    return outcome


def healthy(outcome: Outcome) -> bool:
    """True when all three services answered /health after the run."""
    return outcome.health == HEALTHY


def markdown(outcome: Outcome, seed: int) -> str:
    """The summary: a category x status table, totals, health, failures."""
    statuses = sorted({s for _, s in outcome.counts}, key=lambda s: (s.startswith("FAIL"), s))
    categories = sorted({c for c, _ in outcome.counts})
    lines = [f"# /api/chat fuzz (seed {seed})", "",
             f"{outcome.requests} requests in {outcome.seconds:.1f} s; failures: "
             f"{outcome.failed}; health afterwards: {json.dumps(outcome.health)}", "",
             "| category | " + " | ".join(statuses) + " | total |",
             "|---" * (len(statuses) + 2) + "|"]
    for category in categories:
        row = [outcome.counts[(category, s)] for s in statuses]
        lines.append(f"| {category} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(outcome.counts[(c, s)] for c in categories) for s in statuses]
    lines.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    if outcome.failures:
        lines += ["", "Failures (first 20):", "", *(f"- `{f}`" for f in outcome.failures)]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Run the fuzz, print and write the table; exit 1 on any failure or bad health."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running stack (default: start one like make bench)")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--report", default="reports/fuzz.md")
    args = parser.parse_args()
    if args.url:
        outcome = asyncio.run(run(args.url.rstrip("/"), args.seed, args.requests,
                                  args.concurrency))
    else:
        import bench  # scripts/bench.py, next to this file: starts and stops the services

        with bench.running_stack(1, bench.newest_model()) as stack:
            outcome = asyncio.run(run(stack.url, args.seed, args.requests, args.concurrency))
    table = markdown(outcome, args.seed)
    print(table)
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(table, encoding="utf-8")
    return 0 if outcome.failed == 0 and healthy(outcome) else 1


if __name__ == "__main__":
    raise SystemExit(main())
