"""Where the time of one chat turn goes: web proxy, Rasa NLU, dialogue + actions, database.

Run against a running stack (`make run`): each stage is timed separately, 30 times, and the
medians are printed as a Markdown table. The web app's overhead is the /api/chat turn minus
Rasa's own REST turn; Rasa's dialogue + action overhead is its REST turn minus /model/parse.
Usage: .venv/bin/python scripts/profile_turn.py [--web URL] [--rasa URL] [--actions URL]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import time

import httpx

from bot.domain_files import load_domain
from bot.store import services, topic_answers
from bot.store.db import Database, make_engine

MESSAGE = "mulla on vuokrat rästissä kaks kuukautta"
BUTTON = '/inform_kunta{"kunta":"Tuusula"}'


def timed(call, repeat: int = 30) -> float:
    """Median milliseconds of `call()`."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    """Print the per-stage medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--web", default="http://127.0.0.1:8000")
    parser.add_argument("--rasa", default=os.environ.get("RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--actions", default="http://127.0.0.1:5055")
    args = parser.parse_args()
    token = {"token": os.environ.get("RASA_TOKEN", "")}
    db = Database(make_engine(os.environ.get("DATABASE_URL") or None))
    action_call = {
        "next_action": "action_answer_topic",
        "sender_id": "profile",
        "tracker": {
            "sender_id": "profile", "slots": {}, "latest_message": {
                "text": MESSAGE, "intent": {"name": "vuokravelka", "confidence": 0.9},
                "entities": []},
            "events": [], "paused": False, "followup_action": None, "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {}, "version": "3.6.21",
    }
    domain = load_domain()
    with httpx.Client(timeout=30) as http:
        stages = {
            "database: answer + services query": lambda: (
                topic_answers.get(db=db, intent="vuokravelka"),
                services.list(db=db, municipality="Tuusula", categories=("asumisneuvonta",))),
            "action server: action_answer_topic": lambda: http.post(
                f"{args.actions}/webhook", json=action_call),
            "action server: the same with the whole domain (no selective domain)": lambda: (
                http.post(f"{args.actions}/webhook", json={**action_call, "domain": domain})),
            "Rasa: NLU only (/model/parse)": lambda: http.post(
                f"{args.rasa}/model/parse", params=token, json={"text": MESSAGE}),
            "Rasa: full turn (REST channel)": lambda: http.post(
                f"{args.rasa}/webhooks/rest/webhook",
                json={"sender": secrets.token_hex(8), "message": MESSAGE}),
            "web app: full turn (/api/chat)": lambda: http.post(
                f"{args.web}/api/chat",
                json={"sender": secrets.token_hex(16), "message": MESSAGE}),
            "web app: button payload turn (/api/chat)": lambda: http.post(
                f"{args.web}/api/chat",
                json={"sender": secrets.token_hex(16), "message": BUTTON}),
        }
        print("| stage | median ms |\n|---|---|")
        for name, call in stages.items():
            print(f"| {name} | {timed(call):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
