"""A crisis message in the middle of a form: the crisis answer first, then the form goes on."""

from __future__ import annotations

from bot.config import Settings
from bot.services.content import WebTexts
from tests.e2e.conversation import (
    REFERENCE,
    SELF,
    all_text,
    answer_question,
    contact_reference,
    contact_texts,
    crisis_lines,
    definition,
    has_crisis_line,
    last_text,
    lowest_answers,
    question_button,
    question_text,
    start_audit,
    stored_audit,
)
from tests.e2e.stack import new_sender

SELF_HARM = "en jaksa tätä enää, mietin että tapan itteni"
VIOLENCE = "mun mies lyö mua ja pelkään sitä"


def test_crisis_line_is_not_in_the_degraded_notice():
    texts = WebTexts.from_file(Settings().web_content_path)
    assert crisis_lines() and not has_crisis_line(texts.degraded)


def test_crisis_in_the_audit_comes_first_and_the_audit_goes_on_to_akuutti(stack):
    sender, answers = new_sender(), lowest_answers()
    questions = definition().questions
    reply = start_audit(stack, sender, SELF)
    for number in range(1, 5):
        reply = answer_question(stack, reply, number, answers[questions[number - 1].id], sender)
    assert last_text(reply).startswith("5/")
    crisis = stack.chat(SELF_HARM, sender)
    assert has_crisis_line(crisis[0]["text"]), crisis
    assert last_text(crisis).startswith("5/"), crisis  # the same question again
    reply = crisis
    for number in range(5, len(questions) + 1):
        reply = answer_question(stack, reply, number, answers[questions[number - 1].id], sender)
    assert definition().levels["akuutti"].title in reply[0]["text"]
    assert definition().crisis_reason in all_text(reply)
    row = stored_audit(stack, REFERENCE.search(all_text(reply)).group(1))
    assert row["level"] == "akuutti" and row["answers"]["k05_rastit"] == answers["k05_rastit"]


def test_crisis_in_the_contact_form_comes_first_and_the_request_is_stored(stack):
    sender, phone = new_sender(), "040 555 0142"
    offer = stack.chat("haluan puhua ihmiselle", sender)
    asked = stack.click(offer, contact_texts()["yes_button"], sender)
    assert last_text(asked) == question_text("yhteystieto")
    asked = stack.chat(phone, sender)
    assert last_text(asked) == question_text("kunta")
    asked = stack.click(asked, "Tuusula", sender)
    assert last_text(asked) == question_text("paras_aika"), asked
    crisis = stack.chat(VIOLENCE, sender)
    assert has_crisis_line(crisis[0]["text"]), crisis
    assert last_text(crisis) == question_text("paras_aika"), crisis  # asked again
    afternoon = question_button("paras_aika", 1)
    asked = stack.click(crisis, afternoon, sender)
    assert last_text(asked) == question_text("tilanne")
    asked = stack.click(asked, question_button("tilanne", 0), sender)
    assert last_text(asked) == question_text("suostumus")
    saved = stack.click(asked, question_button("suostumus", 0), sender)
    reference = contact_reference(saved[0]["text"])
    rows = stack.query("select contact, municipality, best_time, status from contact_requests "
                       "where reference = ?", reference)
    assert rows == [("0405550142", "Tuusula", afternoon.lower(), "uusi")]
