"""Content store on SQLite (always) and PostgreSQL (started by the test when installed)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.store.content_files import load_answers, load_services
from bot.store.db import Database, make_engine
from bot.store.loader import load_content
from bot.store.migrate import upgrade
from bot.store.models import ContactRequest, TopicAnswer, UnansweredMessage
from bot.store.repository import REFERENCE_ALPHABET, ContentRepository, NewContactRequest

PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster from Debian's packages (skipped when not installed)."""
    if not PG_BIN or shutil.which("runuser") is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    bin_dir, port = PG_BIN[-1], _free_port()
    # Not under pytest's tmp dir: its parents are private to root and the server runs as postgres.
    data = Path(tempfile.mkdtemp(prefix="asumisbotti-pg-"))
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(data, "postgres")
    subprocess.run([*prefix, f"{bin_dir}/initdb", "-D", str(data / "db"), "-A", "trust", "-U",
                    "botti"], check=True, capture_output=True)
    subprocess.run([*prefix, f"{bin_dir}/pg_ctl", "-D", str(data / "db"), "-l",
                    str(data / "log"), "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
                    "-w", "start"], check=True, capture_output=True)
    try:
        url = f"postgresql+psycopg://botti@127.0.0.1:{port}/postgres"
        for _ in range(50):
            try:
                make_engine(url).connect().close()
                break
            except Exception:  # noqa: BLE001 - server still starting
                time.sleep(0.1)
        yield url
    finally:
        subprocess.run([*prefix, f"{bin_dir}/pg_ctl", "-D", str(data / "db"), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        database = Database(make_engine(f"sqlite:///{tmp_path / 'store.db'}"))
    else:
        database = Database(make_engine(request.getfixturevalue("postgres_url")))
    upgrade(database)
    yield database
    if request.param == "postgresql":
        upgrade_down(database)


def upgrade_down(database: Database) -> None:
    from alembic import command

    from bot.store.migrate import alembic_config

    config = alembic_config(database)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")


def test_load_is_idempotent(db):
    answers, services = load_answers(), load_services()
    first = load_content(db, answers, services)
    second = load_content(db, answers, services)
    assert first.added > 30 and first.updated == 0
    assert (second.added, second.updated) == (0, 0)
    assert second.unchanged == first.added


def test_edit_in_database_shows_in_next_answer_and_file_load_restores(db):
    load_content(db, load_answers(), load_services())
    repo = ContentRepository(db)
    with db.session() as session:
        session.execute(
            update(TopicAnswer)
            .where(TopicAnswer.intent == "muutto", TopicAnswer.municipality == "")
            .values(text="Muokattu vastaus. Tee muuttoilmoitus.")
        )
    assert repo.answer("muutto").text == "Muokattu vastaus. Tee muuttoilmoitus."
    counts = load_content(db, load_answers(), load_services())
    assert counts.updated == 1
    assert repo.answer("muutto").text.startswith("Muuttoilmoitus on pakollinen")


def test_municipal_variant_wins_over_general_text(db):
    load_content(db, load_answers(), load_services())
    repo = ContentRepository(db)
    assert "HyVa" in repo.answer("asunnon_haku", "Hyvinkää").text
    assert repo.answer("asunnon_haku", "Tuusula").text == repo.answer("asunnon_haku").text
    assert repo.answer("ei_ole_aihe") is None


def test_services_are_local_first_and_area_wide_after(db):
    load_content(db, load_answers(), load_services())
    services = ContentRepository(db).services("Tuusula", ("vuokranantaja", "asumisneuvonta"))
    names = [s.name for s in services]
    assert names[0].startswith("Tuusulan kunnan kiinteistöt")
    assert not any("Hyvinkää" in n for n in names)
    assert any("Keusote" in n for n in names)


def test_contact_request_is_stored_with_status_uusi_and_code(db):
    repo = ContentRepository(db)
    request = NewContactRequest("0401234567", "Järvenpää", "aamupäivällä", "häätö", "vuokravelka")
    reference = repo.save_contact_request(request)
    assert len(reference) == 8 and set(reference) <= set(REFERENCE_ALPHABET)
    with db.session() as session:
        row = session.scalars(select(ContactRequest)).one()
    assert (row.reference, row.status, row.contact) == (reference, "uusi", "0401234567")


def test_unanswered_message_keeps_text_and_ranking_only(db):
    ranking = [{"name": "nlu_fallback", "confidence": 0.41, "id": 123}]
    ContentRepository(db).save_unanswered("mikä on kämppis" * 200, ranking)
    with db.session() as session:
        row = session.scalars(select(UnansweredMessage)).one()
    assert len(row.text) == 1000
    assert row.intent_ranking == [{"intent": "nlu_fallback", "confidence": 0.41}]
    assert not hasattr(row, "sender")
