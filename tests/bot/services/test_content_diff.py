"""Differences between versions by field, and the chat's link rule for the preview."""

from bot.services.content_diff import diff
from bot.services.content_preview import message_parts

OLD = {"text": "Tee muuttoilmoitus verkossa.", "sources": ["https://dvv.fi/a"],
       "checked": "2026-11-26", "next_steps": ["asumistuki"], "services": []}


def test_changed_words_are_removed_and_added_segments():
    new = {**OLD, "text": "Tee muuttoilmoitus heti verkossa."}
    [change] = diff("answer", OLD, new)
    assert change.field == "text" and change.words
    assert [(s.op, s.text) for s in change.segments] == [
        ("same", "Tee muuttoilmoitus"), ("ins", "heti"), ("same", "verkossa.")]


def test_a_replaced_phrase_is_one_removed_and_one_added_run():
    new = {**OLD, "text": "Tee ilmoitus heti tänään verkossa."}
    [change] = diff("answer", OLD, new)
    assert [(s.op, s.text) for s in change.segments] == [
        ("same", "Tee"), ("del", "muuttoilmoitus"), ("ins", "ilmoitus heti tänään"),
        ("same", "verkossa.")]


def test_list_items_variants_and_flags_are_their_own_fields():
    new = {**OLD, "sources": ["https://dvv.fi/b"], "variants": {"Tuusula": "Oma."},
           "needs_municipality": True}
    changes = {(c.field, c.municipality): c for c in diff("answer", OLD, new)}
    assert set(changes) == {("sources", ""), ("variant", "Tuusula"), ("needs_municipality", "")}
    assert [(s.op, s.text) for s in changes[("sources", "")].segments] == [
        ("del", "https://dvv.fi/a"), ("ins", "https://dvv.fi/b")]
    assert not changes[("sources", "")].words
    assert [(s.op, s.text) for s in changes[("needs_municipality", "")].segments] == [
        ("del", "ei"), ("ins", "kyllä")]


def test_identical_versions_have_no_changes():
    assert diff("answer", OLD, dict(OLD)) == []
    assert diff("service", {"name": "A", "phone": None}, {"name": "A"}) == []


def test_links_split_like_the_chat_widget():
    assert message_parts("Katso https://dvv.fi/muutto. Kiitos") == [
        ("text", "Katso "), ("link", "https://dvv.fi/muutto"), ("text", "."),
        ("text", " Kiitos")]
    assert message_parts("http://vanha.fi ei ole linkki") == [
        ("text", "http://vanha.fi ei ole linkki")]
