"""Handled requests are deleted N days after handling; nothing else is."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.services.retention import purge
from bot.store.models import ContactRequest, ContactRequestEvent, utc_now
from tests.staff import add_request, fresh_db, log_actions


def _set(db, code, **values):
    with db.session() as session:
        session.execute(update(ContactRequest).where(ContactRequest.reference == code)
                        .values(**values))


def _codes(db):
    with db.session() as session:
        return set(session.scalars(select(ContactRequest.reference)))


def test_purge_deletes_only_requests_handled_longer_ago_than_retention(database_url):
    db = fresh_db(database_url)
    now = utc_now()
    old = add_request(db)
    recent = add_request(db)
    waiting = add_request(db)
    _set(db, old, status="hoidettu", handled_at=now - timedelta(days=31))
    _set(db, recent, status="hoidettu", handled_at=now - timedelta(days=29))
    _set(db, waiting, created_at=now - timedelta(days=90))
    with db.session() as session:
        row_id = session.scalar(select(ContactRequest.id).where(ContactRequest.reference == old))
        session.add(ContactRequestEvent(request_id=row_id, actor="a", action="tila",
                                        status="hoidettu", note=""))
    assert purge(db, retention_days=30, now=now) == 1
    assert _codes(db) == {recent, waiting}
    with db.session() as session:
        assert session.scalar(select(ContactRequestEvent)) is None
    assert ("järjestelmä", "purge", "", "poistettu 1") in log_actions(db)
    assert purge(db, retention_days=30, now=now) == 0
    db.engine.dispose()


def test_purge_runs_at_app_start_up(tmp_path):
    from tests.staff import staff_app

    url = f"sqlite:///{tmp_path / 'startup.db'}"
    db = fresh_db(url)
    code = add_request(db)
    _set(db, code, status="hoidettu", handled_at=utc_now() - timedelta(days=40))
    for setup in staff_app(url):
        import time

        deadline = time.monotonic() + 5
        while code in _codes(setup.db) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert code not in _codes(setup.db)


def test_purge_deletes_unanswered_messages_older_than_their_retention(database_url):
    from bot.services.inbox import record
    from bot.store.models import UnansweredMessage

    db = fresh_db(database_url)
    now = utc_now()
    for text in ("vanha viesti", "tuore viesti"):
        record(db=db, text=text, ranking=[])
    with db.session() as session:
        session.execute(update(UnansweredMessage).where(UnansweredMessage.text == "vanha viesti")
                        .values(created_at=now - timedelta(days=91)))
    purge(db, retention_days=30, now=now, unanswered_days=90)
    with db.session() as session:
        assert list(session.scalars(select(UnansweredMessage.text))) == ["tuore viesti"]
    assert ("järjestelmä", "purge_inbox", "", "viestejä 1") in log_actions(db)
    db.engine.dispose()
