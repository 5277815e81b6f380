"""Content store on SQLite and on PostgreSQL (a throwaway cluster, see tests/databases.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.store.content_files import load_answers, load_services
from bot.store.db import Database, make_engine
from bot.store.loader import load_content
from bot.store.migrate import upgrade
from bot.store.models import ContactRequest, TopicAnswer, UnansweredMessage
from bot.store.repository import REFERENCE_ALPHABET, ContentRepository, NewContactRequest


@pytest.fixture
def db(database_url):
    database = Database(make_engine(database_url))
    upgrade(database)
    yield database
    database.engine.dispose()


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


def test_migrations_go_down_to_base_and_up_again(db):
    from alembic import command
    from sqlalchemy import inspect

    from bot.store.migrate import alembic_config

    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(db)
    assert {"contact_requests", "audit_results"} <= set(inspect(db.engine).get_table_names())
