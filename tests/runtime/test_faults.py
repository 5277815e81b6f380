"""Faults of a scaled deployment (issue 14): two Rasa workers on Redis and PostgreSQL.

Run by `make test` (they need the trained model); bounded: the whole module takes one model
load for two workers plus one restart. The order matters only for speed: the worker killed in
the first test comes back with the restart in the second.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from bot.config import Settings
from bot.services.content import WebTexts
from tests.e2e.conversation import (
    START_AUDIT,
    answer_question,
    audit_texts,
    contact_texts,
    definition,
    has_crisis_line,
    last_text,
    lowest_answers,
    question_text,
)
from tests.e2e.stack import new_sender
from tests.own_loop import run_coroutine
from tests.runtime.cluster import (
    RASA_WORKERS,
    TICKET_LOCK_LIFETIME_S,
    RuntimeStack,
    is_subsequence,
    run_load,
)

pytestmark = pytest.mark.runtime
CONVERSATIONS = 6
RECOVERY_S = 45.0


def degraded_text() -> str:
    return WebTexts.from_file(Settings().web_content_path).degraded


def answered_after(runtime: RuntimeStack, senders: list[str], deadline_s: float) -> dict:
    """Each sender's first real answer once the fault is over: seconds it took, per sender."""
    waited: dict[str, float] = {}
    started = time.monotonic()
    for sender in senders:
        while True:
            body = runtime.post("mulla on vuokrat rästissä", sender).json()
            if not body.get("degraded") and body.get("messages"):
                waited[sender] = round(time.monotonic() - started, 1)
                break
            assert time.monotonic() - started < deadline_s, f"no recovery: {body}"
            time.sleep(1)
    return waited


def assert_nothing_lost(runtime: RuntimeStack, turns, senders: list[str]) -> None:
    """Every message that got a real answer is in its conversation's tracker, in order."""
    for sender in senders:
        answered = [t.text for t in turns if t.sender == sender and t.answered]
        stored = runtime.tracker_texts(sender)
        assert is_subsequence(answered, stored), (sender, answered, stored)


def test_one_of_two_rasa_workers_killed_under_load(runtime: RuntimeStack):
    workers = runtime.rasa_workers()
    assert len(workers) == RASA_WORKERS, workers
    senders = [new_sender() for _ in range(CONVERSATIONS)]
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        killed.append(runtime.busiest_worker())
        os.kill(killed[0], signal.SIGKILL)

    turns = run_coroutine(run_load(runtime.web, senders, seconds=10, fault=kill_a_busy_worker))

    assert runtime.rasa_workers() == [pid for pid in workers if pid not in killed]
    lost = [t for t in turns if not t.answered]
    print(f"\n[faults] worker killed: {len(turns)} turns, {len(lost)} not answered")
    # At most the turn each conversation had in flight on the dead worker, and one more that
    # waited past the web app's timeout for the lock the dead worker held.
    assert len(lost) <= 2 * CONVERSATIONS
    assert all(t.status == 200 for t in turns)  # a degraded notice, never a server error
    # A conversation whose lock the killed worker held waits for the lock to expire.
    waited = answered_after(runtime, senders, deadline_s=TICKET_LOCK_LIFETIME_S + RECOVERY_S)
    print(f"[faults] worker killed: every conversation answered again, waits {waited}")
    assert_nothing_lost(runtime, turns, senders)


def test_a_half_done_audit_and_contact_form_continue_after_rasa_restarts(runtime: RuntimeStack):
    audit, contact = new_sender(), new_sender()
    intro = runtime.chat(START_AUDIT, audit)
    reply = runtime.click(intro, audit_texts()["mode_buttons"][0]["title"], audit)
    answers = lowest_answers()
    for number, question in enumerate(definition().questions[:2], start=1):
        reply = answer_question(runtime, reply, number, answers[question.id], audit)
    form = runtime.click(runtime.chat("haluan puhua ihmiselle", contact),
                         contact_texts()["yes_button"], contact)
    form = runtime.chat("040 123 4567", contact)
    assert last_text(form) == question_text("kunta")

    runtime.crash("rasa")
    assert runtime.post("asumistuki", new_sender()).json()["degraded"] is True
    runtime.start("rasa")
    runtime.wait_healthy()

    third = definition().questions[2]
    after = answer_question(runtime, reply, 3, answers[third.id], audit)
    total = len(definition().questions)
    assert last_text(after).startswith(f"4/{total}."), after
    assert last_text(runtime.click(form, "Tuusula", contact)) == question_text("paras_aika")


def test_postgresql_restarted_under_load_recovers_by_itself(runtime: RuntimeStack):
    senders = [new_sender() for _ in range(CONVERSATIONS)]

    turns = run_coroutine(run_load(runtime.web, senders, seconds=12,
                                 fault=lambda: runtime.restart_postgres(down_s=3)))

    assert all(t.status == 200 for t in turns)
    failed = [t for t in turns if not t.answered]
    print(f"\n[faults] PostgreSQL restart: {len(turns)} turns, {len(failed)} degraded")
    waited = answered_after(runtime, senders, deadline_s=RECOVERY_S)
    print(f"[faults] PostgreSQL restart: every conversation answered again, waits {waited}")
    assert_nothing_lost(runtime, turns, senders)


def test_redis_down_gives_the_degraded_answer_and_crisis_lines_then_recovers(
        runtime: RuntimeStack):
    sender = new_sender()
    assert runtime.chat("mulla on vuokrat rästissä", sender)
    assert runtime.redis is not None
    runtime.redis.stop()
    try:
        assert runtime.health()["redis"] == "down"
        body = runtime.post("miten haen asumistukea", sender).json()
        assert body["degraded"] is True
        assert [m["text"] for m in body["messages"]] == [degraded_text()]
        crisis = runtime.post("haluan kuolla", sender).json()
        assert crisis["degraded"] is True and has_crisis_line(crisis["messages"][0]["text"])
    finally:
        runtime.redis.start()
    waited = answered_after(runtime, [sender], deadline_s=RECOVERY_S)
    print(f"\n[faults] Redis back: answered again after {waited[sender]} s")
    assert runtime.health()["redis"] == "ok"


def test_the_purge_deletes_idle_conversations_from_rasas_postgresql_tables(
        runtime: RuntimeStack):
    from bot.services.tracker_retention import purge_tracker_url

    sender = new_sender()
    runtime.chat("mulla on vuokrat rästissä", sender)
    assert runtime.tracker_texts(sender) == ["mulla on vuokrat rästissä"]
    assert purge_tracker_url(runtime.tracker_db_url, retention_hours=24) == 0
    time.sleep(1.5)
    assert purge_tracker_url(runtime.tracker_db_url, retention_hours=1 / 3600) > 0
    assert runtime.tracker_texts(sender) == []
