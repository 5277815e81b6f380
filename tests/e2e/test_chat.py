"""Ordinary conversations through the real stack: greeting, topics, contact requests, edits."""

from __future__ import annotations

from bot.services.topics import default_catalogue
from tests.e2e.conversation import (
    contact_reference,
    contact_texts,
    has_crisis_line,
    last_text,
    question_button,
    question_text,
    unclear_messages,
)
from tests.e2e.stack import new_sender

CONTACT_COUNT = "select count(*) from contact_requests where contact = ?"


def test_greeting_says_it_is_a_bot_and_offers_topics(stack):
    first = stack.chat("moi")[0]
    assert "botti" in first["text"].lower()
    assert len(first["buttons"]) >= 4


def test_topic_question_gets_its_answer_from_the_database(stack):
    (text,) = stack.query("select text from topic_answers where intent = 'vuokravelka' "
                          "and municipality = ''")[0]
    reply = stack.chat("mulla on kaks kuukautta vuokria maksamatta")
    assert reply[0]["text"].startswith(text[:60])


def test_crisis_answer_comes_first_mid_conversation(stack):
    sender = new_sender()
    stack.chat("sain häätöilmoituksen", sender)
    reply = stack.chat("en jaksa enää, mietin että tapan itseni", sender)
    assert has_crisis_line(reply[0]["text"])


def test_fallback_topic_button_leads_to_that_topic(stack):
    sender, catalogue = new_sender(), default_catalogue()
    reply = stack.chat(unclear_messages(stack, 1)[0], sender)
    assert reply[0]["text"] in (catalogue.fallback.suggest_topics, catalogue.fallback.rephrase)
    by_title = {title: intent for intent, title in catalogue.titles.items()}
    titles = [b["title"] for m in reply for b in m.get("buttons") or []]
    assert titles and set(titles) <= set(by_title), titles
    (text,) = stack.query("select text from topic_answers where intent = ? "
                          "and municipality = ''", by_title[titles[0]])[0]
    answer = stack.click(reply, titles[0], sender)
    assert answer[0]["text"].startswith(text[:60])


def test_contact_request_through_the_chat_is_stored_with_consent(stack):
    sender = new_sender()
    offer = stack.chat("haluan puhua ihmiselle", sender)
    asked = stack.click(offer, contact_texts()["yes_button"], sender)
    assert last_text(asked) == question_text("yhteystieto")
    assert stack.chat("123", sender)[0]["text"] == contact_texts()["invalid_contact"]
    asked = stack.chat("040 123 4567", sender)
    assert last_text(asked) == question_text("kunta") and len(asked[-1]["buttons"]) == 7
    asked = stack.click(asked, "Tuusula", sender)
    asked = stack.chat("iltapäivällä", sender)
    assert last_text(asked) == question_text("tilanne")
    asked = stack.chat("vuokrat on rästissä ja pelottaa", sender)
    assert last_text(asked) == question_text("suostumus")
    saved = stack.click(asked, question_button("suostumus", 0), sender)
    rows = stack.query("select contact, municipality, best_time, situation, status "
                       "from contact_requests where reference = ?",
                       contact_reference(saved[0]["text"]))
    assert rows == [("0401234567", "Tuusula", "iltapäivällä", "vuokrat on rästissä ja pelottaa",
                     "uusi")]


def test_no_consent_stores_nothing(stack):
    sender, phone = new_sender(), "040 765 0043"
    asked = stack.click(stack.chat("haluan puhua ihmiselle", sender),
                        contact_texts()["yes_button"], sender)
    for answer in (phone, "Järvenpää", "aamupäivällä", "ohita"):
        asked = stack.chat(answer, sender)
    assert last_text(asked) == question_text("suostumus")
    declined = stack.click(asked, question_button("suostumus", 1), sender)
    assert declined[0]["text"] == contact_texts()["no_consent"]
    assert stack.query(CONTACT_COUNT, "0407650043") == [(0,)]


def test_cancel_in_the_middle_of_the_form_stores_nothing(stack):
    sender, phone = new_sender(), "040 765 0044"
    asked = stack.click(stack.chat("jalkautuva tiimi", sender), contact_texts()["yes_button"],
                        sender)
    assert last_text(asked) == question_text("yhteystieto")
    assert last_text(stack.chat(phone, sender)) == question_text("kunta")
    assert stack.chat("peruuta", sender)[0]["text"] == contact_texts()["cancelled"]
    assert stack.query(CONTACT_COUNT, "0407650044") == [(0,)]
    # and the form is really gone: the next message is an ordinary question again
    reply = stack.chat("miten haen asumistukea", sender)
    assert last_text(reply) != question_text("kunta")
    assert stack.query(CONTACT_COUNT, "0407650044") == [(0,)]


def test_edit_in_database_shows_without_retraining(stack):
    new_text = "Muokattu testivastaus. Tee muuttoilmoitus."
    stack.execute("update topic_answers set text = ? where intent = 'muutto' "
                  "and municipality = ''", new_text)
    assert stack.chat("/muutto")[0]["text"] == new_text
