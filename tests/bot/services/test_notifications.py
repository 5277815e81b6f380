"""Notification e-mails through a real SMTP sink: no personal data, failure kept and retried."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.services.notifications import backoff, send_due
from bot.store import contact_requests
from bot.store.models import utc_now
from tests.smtp_sink import SmtpSink, free_port
from tests.staff import add_request, fresh_db, staff_app

TEXTS = {
    "subject": "Uusi yhteydenottopyyntö {reference}",
    "body": "Tunnus: {reference}\nKunta: {municipality}\n{link}",
    "no_municipality": "ei kerrottu",
}


def _settings(port: int, **extra) -> Settings:
    values = {"smtp_host": "127.0.0.1", "smtp_port": port, "team_email": "tiimi@keusote.example",
              "team_emails": {"Kerava": "kerava@keusote.example"},
              "public_base_url": "https://botti.example", **extra}
    return Settings(**values)


def _state(db, code):
    with db.session() as session:
        row = contact_requests.get(session=session, reference=code)
        return row.notification_status, row.notification_attempts, row.notification_error


@pytest.fixture
def db(database_url):
    database = fresh_db(database_url)
    yield database
    database.engine.dispose()


def test_new_request_is_mailed_without_personal_data(db, smtp_sink):
    code = add_request(db, "Tuusula")
    result = send_due(db, settings=_settings(smtp_sink.port), texts=TEXTS)
    assert (result.sent, result.failed) == (1, 0)
    (recipients, message), = smtp_sink.sink.wait_for(1)
    body = message.get_payload(decode=True).decode("utf-8")
    assert recipients == ["tiimi@keusote.example"]
    assert code in message["Subject"] and code in body and "Tuusula" in body
    assert f"https://botti.example/ammattilainen/pyynnot/{code}" in body
    assert "040" not in body and "rästissä" not in body and "aamupäivä" not in body
    assert _state(db, code) == ("lähetetty", 1, "")
    assert send_due(db, settings=_settings(smtp_sink.port), texts=TEXTS).sent == 0  # once only


def test_municipality_has_its_own_address(db, smtp_sink):
    add_request(db, "Kerava")
    send_due(db, settings=_settings(smtp_sink.port), texts=TEXTS)
    assert smtp_sink.sink.wait_for(1)[0][0] == ["kerava@keusote.example"]


def test_failed_send_keeps_the_request_and_retries_later(db):
    server = SmtpSink(free_port())  # not started yet: connection refused
    code = add_request(db)
    now = utc_now()
    result = send_due(db, settings=_settings(server.port), texts=TEXTS, now=now)
    assert (result.sent, result.failed) == (0, 1)
    status, attempts, error = _state(db, code)
    assert (status, attempts) == ("epäonnistui", 1) and error == "ConnectionRefusedError"
    # Not retried before the back-off has passed, then delivered once the server is up.
    assert send_due(db, settings=_settings(server.port), texts=TEXTS, now=now).failed == 0
    server.start()
    try:
        later = now + backoff(1) + timedelta(seconds=1)
        assert send_due(db, settings=_settings(server.port), texts=TEXTS, now=later).sent == 1
        server.sink.wait_for(1)
    finally:
        server.stop()
    assert _state(db, code) == ("lähetetty", 2, "")


def test_missing_smtp_settings_show_as_failed_not_lost(db):
    code = add_request(db)
    send_due(db, settings=Settings(smtp_host="", team_email=""), texts=TEXTS)
    assert _state(db, code) == ("epäonnistui", 1, "not_configured")


def test_two_web_workers_sending_at_once_mail_a_request_only_once(db):
    """Each worker reads the request as due; only the one that claims it sends."""
    import threading

    add_request(db)
    sent: list[str] = []
    both_read = threading.Barrier(2)
    original = contact_requests.list_due_notifications

    def list_then_wait(**kwargs):
        rows = original(**kwargs)
        both_read.wait(5)  # the two workers have both seen the request as due
        return rows

    def record(message, _settings):
        sent.append(message["Subject"])

    def worker():
        send_due(db, settings=_settings(2525), texts=TEXTS, send=record)

    contact_requests.list_due_notifications = list_then_wait
    try:
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
    finally:
        contact_requests.list_due_notifications = original
    assert len(sent) == 1


def test_a_claim_left_by_a_dead_worker_is_retried_after_the_lease(db):
    from bot.services.notifications import CLAIM_LEASE

    code = add_request(db)
    now = utc_now()
    with db.session() as session:
        row = contact_requests.get(session=session, reference=code)
        assert contact_requests.claim_notification(session=session, request_id=row.id, now=now,
                                                   lease=CLAIM_LEASE)
    sent: list[str] = []
    assert send_due(db, settings=_settings(2525), texts=TEXTS, now=now,
                    send=lambda m, _s: sent.append(m["Subject"])).sent == 0
    later = now + CLAIM_LEASE + timedelta(seconds=1)
    assert send_due(db, settings=_settings(2525), texts=TEXTS, now=later,
                    send=lambda m, _s: sent.append(m["Subject"])).sent == 1
    assert len(sent) == 1


def test_backoff_grows_to_an_hour():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(20).total_seconds() == 3600


def test_the_running_app_sends_pending_notifications_itself(tmp_path, smtp_sink):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for setup in staff_app(url, smtp_host="127.0.0.1", smtp_port=smtp_sink.port,
                           team_email="tiimi@keusote.example", notify_interval_s=0.2):
        code = add_request(setup.db, "Järvenpää")
        (_, message), = smtp_sink.sink.wait_for(1)
        assert code in message["Subject"]
        deadline = time.monotonic() + 5
        while _state(setup.db, code)[0] != "lähetetty" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _state(setup.db, code)[0] == "lähetetty"
