"""Topic answers in the database: the one record shape, municipal variants first."""

from __future__ import annotations

from bot.municipalities import ANY_MUNICIPALITY
from bot.store import topic_answers
from bot.store.content_files import load_answers, load_services
from bot.store.loader import load_content


def test_municipal_variant_wins_over_general_text(db):
    load_content(db, load_answers(), load_services())
    local = topic_answers.get(db=db, intent="asunnon_haku", municipality="Hyvinkää")
    assert "HyVa" in local.text and local.municipality == "Hyvinkää"
    general = topic_answers.get(db=db, intent="asunnon_haku")
    assert topic_answers.get(db=db, intent="asunnon_haku", municipality="Tuusula") == general
    assert general.municipality == ANY_MUNICIPALITY
    assert topic_answers.get(db=db, intent="ei_ole_aihe") is None


def test_stored_record_is_the_record_the_file_gave(db):
    answers = load_answers()
    load_content(db, answers, load_services())
    from_files = {(r.intent, r.municipality): r for a in answers for r in a.records()}
    stored = {(r.intent, r.municipality): r for r in topic_answers.list(db=db)}
    assert stored == from_files
