"""Staff-side test helpers: a migrated database, accounts, a logged-in client, requests."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.config import Settings
from bot.services.contact_requests import ContactInput, submit_request
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.users import create_user
from bot.store.db import Database, make_engine
from bot.store.migrate import upgrade
from bot.store.models import StaffLogEntry, utc_now
from bot.web.main import create_app
from tests.databases import BACKENDS, PostgresCluster

PASSWORD = "Kaksi-kuuta-ja-kolme-kettua"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def fresh_db(url: str) -> Database:
    """A migrated, empty database."""
    db = Database(make_engine(url))
    upgrade(db)
    return db


def add_user(db: Database, email: str, *roles: str, password: str = PASSWORD) -> None:
    """Create an account or fail the test."""
    problem = create_user(db, email=email, password=password, roles=list(roles), actor="test",
                          min_length=12)
    assert problem is None, problem


def add_request(db: Database, municipality: str = "Tuusula", **fields) -> str:
    """Store a contact request the way the action server does; returns its code."""
    values = {"contact": "040 123 4567", "municipality": municipality,
              "best_time": "aamupäivä", "situation": "Vuokra rästissä kaksi kuukautta",
              "topic": "vuokrarasti", **fields}
    outcome = submit_request(db=db, request=ContactInput(**values), consent=True, now=utc_now(),
                             dialogue=default_dialogue_texts())
    assert outcome.reference, outcome.messages
    return outcome.reference


def log_actions(db: Database) -> list[tuple[str, str, str, str]]:
    """(actor, action, target, detail) of the staff audit log, oldest first."""
    with db.session() as session:
        rows = session.scalars(select(StaffLogEntry).order_by(StaffLogEntry.id))
        return [(r.actor, r.action, r.target, r.detail) for r in rows]


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF.search(html)
    assert match, "no csrf_token on the page"
    return match.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Log in through the form (without following the redirect)."""
    token = csrf_of(client.get("/kirjaudu").text)
    return client.post("/kirjaudu", data={"email": email, "password": password,
                                          "csrf_token": token}, follow_redirects=False)


@dataclass
class StaffSetup:
    """A database and a client of an app using it."""

    db: Database
    client: TestClient
    url: str


def staff_app(url: str, **settings) -> Iterator[StaffSetup]:
    """An app on `url` with notifications effectively off unless the settings say otherwise."""
    from tests.bot.web.conftest import FakeRasa

    db = fresh_db(url)
    values = {"database_url": url, "notify_interval_s": 3600.0, **settings}
    app = create_app(Settings(**values), transport=httpx.MockTransport(FakeRasa()))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield StaffSetup(db, client, url)
    db.engine.dispose()


STAFF_ACCOUNTS = (("tiina@keusote.example", "ammattilainen"), ("admin@keusote.example", "admin"),
                  ("eero@keusote.example", "editor"))


def _with_staff_accounts(url: str) -> str:
    db = fresh_db(url)
    for email, role in STAFF_ACCOUNTS:
        add_user(db, email, role)
    db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def staff_sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file with the staff accounts, copied by each test (hashing is slow)."""
    path = tmp_path_factory.mktemp("staff-template") / "staff.db"
    _with_staff_accounts(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def staff_postgres_template(postgres_cluster: PostgresCluster) -> str:
    """The same as a PostgreSQL database that each test copies with CREATE DATABASE TEMPLATE."""
    return _with_staff_accounts(postgres_cluster.create_database())


@pytest.fixture(params=BACKENDS)
def staff_database_url(request, tmp_path) -> Iterator[str]:
    """A fresh copy of the staff template: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "staff.db"
        shutil.copyfile(request.getfixturevalue("staff_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database(template=request.getfixturevalue("staff_postgres_template"))
    yield url
    cluster.drop_database(url)


@pytest.fixture
def staff(staff_database_url) -> Iterator[StaffSetup]:
    """Staff app on SQLite, then PostgreSQL, with a professional, an admin and an editor."""
    yield from staff_app(staff_database_url)
