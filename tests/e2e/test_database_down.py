"""The action server without its database: domain defaults, nothing lost silently, no rows."""

from __future__ import annotations

import pytest

from bot.services.topics import default_catalogue
from tests.e2e.conversation import (
    SELF,
    all_text,
    audit_texts,
    contact_texts,
    definition,
    domain_text,
    last_text,
    lowest_answers,
    question_button,
    question_text,
    run_audit,
    unclear_messages,
)
from tests.e2e.stack import new_sender


@pytest.fixture(scope="module")
def no_database(stack, tmp_path_factory):
    """The action server on a database URL that cannot be opened, for this module only."""
    missing = tmp_path_factory.mktemp("nodb") / "missing-dir" / "x.db"
    counts = {t: stack.query(f"select count(*) from {t}")[0][0]
              for t in ("audit_results", "contact_requests", "unanswered_messages")}
    with stack.actions_with(DATABASE_URL=f"sqlite:///{missing}"):
        yield stack
    after = {t: stack.query(f"select count(*) from {t}")[0][0] for t in counts}
    assert after == counts, "something was stored while the database was down"


def test_topic_gets_the_domain_default(no_database):
    reply = no_database.chat("miten haen asumistukea")
    assert reply[0]["text"] == domain_text("utter_asumistuki")


def test_fallback_still_climbs_the_ladder(no_database):
    sender, fallback = new_sender(), default_catalogue().fallback
    first, second = unclear_messages(no_database, 2)
    assert no_database.chat(first, sender)[0]["text"] in (fallback.suggest_topics,
                                                           fallback.rephrase)
    assert no_database.chat(second, sender)[0]["text"] == fallback.rephrase


def test_contact_request_topic_gets_the_domain_default(no_database):
    reply = no_database.chat("haluan puhua ihmiselle")
    assert reply[0]["text"] == domain_text("utter_human_handoff")


def test_audit_result_and_the_contact_form_after_it_tell_that_nothing_was_stored(no_database):
    sender = new_sender()
    answers = {**lowest_answers(), "k04_vuokrasuhde": "irtisanominen"}
    _, result = run_audit(no_database, sender, SELF, answers)
    assert definition().levels["korkea"].title in result[0]["text"]
    assert audit_texts()["storage_failed"] in all_text(result)
    assert "/kartoitus/" not in all_text(result)
    asked = no_database.click(result, contact_texts()["yes_button"], sender)
    assert last_text(asked) == question_text("yhteystieto")
    for answer in ("040 765 0045", "Nurmijärvi", "ihan sama"):
        asked = no_database.chat(answer, sender)
    assert last_text(asked) == question_text("suostumus")  # the audit filled in the situation
    reply = no_database.click(asked, question_button("suostumus", 0), sender)
    assert reply[0]["text"] == contact_texts()["storage_failed"]
