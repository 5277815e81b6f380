"""Loading data/content/ into the database (SQLite, then PostgreSQL); migrations both ways."""

from __future__ import annotations

from sqlalchemy import update

from bot.store import topic_answers
from bot.store.content_files import load_answers, load_services
from bot.store.loader import count_rows, load_content
from bot.store.models import TopicAnswer
from bot.store.topic_answers import STORED_ANY


def test_load_is_idempotent(db):
    answers, services = load_answers(), load_services()
    first = load_content(db, answers, services)
    second = load_content(db, answers, services)
    assert first.added > 30 and first.updated == 0
    assert (second.added, second.updated) == (0, 0)
    assert second.unchanged == first.added
    rows = count_rows(db)
    assert rows["answers"] == sum(len(a.records()) for a in answers)
    assert rows["services"] == len(services)


def test_edit_in_database_shows_in_next_answer_and_file_load_restores(db):
    load_content(db, load_answers(), load_services())
    with db.session() as session:
        session.execute(
            update(TopicAnswer)
            .where(TopicAnswer.intent == "muutto", TopicAnswer.municipality == STORED_ANY)
            .values(text="Muokattu vastaus. Tee muuttoilmoitus.")
        )
    edited = topic_answers.get(db=db, intent="muutto")
    assert edited.text == "Muokattu vastaus. Tee muuttoilmoitus."
    counts = load_content(db, load_answers(), load_services())
    assert counts.updated == 1
    assert topic_answers.get(db=db, intent="muutto").text.startswith("Muuttoilmoitus on pakollinen")


def test_migrations_go_down_to_base_and_up_again(db):
    from alembic import command
    from sqlalchemy import inspect

    from bot.store.migrate import alembic_config, upgrade

    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(db)
    assert {"contact_requests", "audit_results"} <= set(inspect(db.engine).get_table_names())
