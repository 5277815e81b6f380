"""Every button of the audit and the contact form, through the trained model in its form context.

Clicks send the button's payload; typed labels (lower case, ä/ö folded) go through the NLU and
the answer parser. Each answer is checked on the tracker's slot (or the stored result) and then
undone by putting the conversation's events back, so one conversation tries every button of a
question. Messages go to Rasa's REST
channel directly: the web proxy's rate limit would stop a sweep of this size, and the proxy's
allow-list has its own tests (tests/bot/web/test_chat.py, tests/actions/test_form_buttons.py
check that every button is on it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from bot.audit.answer_parser import BACK_CHOICE, parse_answer
from bot.audit.definition import Question
from bot.services.button_payloads import choice_payload
from bot.services.contact_details import normalise_municipality
from tests.e2e.conversation import PROFESSIONAL, SELF, audit_texts, definition, domain_text
from tests.e2e.stack import Message, Stack, new_sender

PHONE = "040 123 4567"
# The crisis answer and the check-in, in and out of forms (data/rules/kriisi.yml).
CRISIS_RESPONSES = ("utter_kriisi", "utter_tarkistuskysymys", "utter_kriisi_tarkistus_lomake")


class Rasa:
    """Rasa's REST channel and tracker API of the test stack."""

    def __init__(self, stack: Stack) -> None:
        self.base = f"http://127.0.0.1:{stack.ports['rasa']}"
        self.token = stack.env["RASA_TOKEN"]

    def say(self, sender: str, text: str) -> list[Message]:
        """One user message; the bot's messages."""
        response = httpx.post(
            f"{self.base}/webhooks/rest/webhook", json={"sender": sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def slots(self, sender: str) -> dict[str, Any]:
        """The conversation's slots now."""
        response = httpx.get(
            f"{self.base}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "NONE"}, timeout=30,
        )
        response.raise_for_status()
        return response.json()["slots"]

    def events(self, sender: str) -> list[dict[str, Any]]:
        """The conversation's events, to put back after trying an answer."""
        response = httpx.get(
            f"{self.base}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "ALL"}, timeout=30,
        )
        response.raise_for_status()
        return response.json()["events"]

    def restore(self, sender: str, events: list[dict[str, Any]]) -> None:
        """Replace the conversation with `events` (Rasa's `rewind` does not bring a form back)."""
        response = httpx.put(
            f"{self.base}/conversations/{sender}/tracker/events",
            params={"token": self.token}, json=events, timeout=30,
        )
        response.raise_for_status()


@pytest.fixture(scope="module")
def rasa(stack: Stack) -> Rasa:
    return Rasa(stack)


def typed(title: str) -> str:
    """A label as someone types it: lower case, without ä and ö."""
    return title.lower().replace("ä", "a").replace("ö", "o")


def shown_buttons(reply: list[Message]) -> list[dict[str, str]]:
    """Buttons of the reply's last message that has any (the question asked now)."""
    with_buttons = [m for m in reply if m.get("buttons")]
    assert with_buttons, reply
    return with_buttons[-1]["buttons"]


def no_crisis(reply: list[Message], sent: str) -> None:
    """Neither the crisis answer nor the check-in (an acute option's own help may name a line)."""
    texts = [m.get("text") or "" for m in reply]
    crisis = {domain_text(name) for name in CRISIS_RESPONSES}
    assert crisis.isdisjoint(texts), f"{sent!r} got a crisis reply: {texts}"


def carried(button: dict[str, str]) -> str:
    """The value in a payload: the municipality, or the answer of /valinta{"valinta": "s:v"}."""
    intent, entities = button["payload"][1:].split("{", 1)
    value = json.loads("{" + entities)["kunta" if intent == "inform_kunta" else "valinta"]
    return value if intent == "inform_kunta" else value.split(":", 1)[1]


def clicked_value(button: dict[str, str], question: Question) -> Any:
    """What the button's payload stores: the option id (a list for multi-select) or a code."""
    value = carried(button)
    if value in {o.id for o in question.options} and question.multi:
        return [value]
    return value


def typed_value(title: str, question: Question, professional: bool) -> Any:
    """What the answer parser makes of the typed label (it must understand it)."""
    parsed = parse_answer(question, typed(title), professional)
    assert parsed.value is not None, title
    return list(parsed.value) if isinstance(parsed.value, tuple) else parsed.value


def newest_audit(stack: Stack) -> dict[str, Any]:
    answers, consent = stack.query(
        "select answers, professional_consent from audit_results order by id desc limit 1"
    )[0]
    return {**json.loads(answers), "ammattilainen_suostumus": consent}


def start(rasa: Rasa, sender: str, mode: str, send: Callable[[dict], str]) -> list[Message]:
    intro = rasa.say(sender, "/start_audit")
    wanted = choice_payload("kartoitus_tila", mode)
    (button,) = [b for b in shown_buttons(intro) if b["payload"] == wanted]
    reply = rasa.say(sender, send(button))
    no_crisis(reply, send(button))
    assert rasa.slots(sender)["kartoitus_tila"] == mode
    return reply


def sweep_audit(stack: Stack, rasa: Rasa, mode: str, send: Callable[[dict], str],
                expected: Callable[[dict, Question, bool], Any], only: str | None = None) -> int:
    """Try every button (or only those titled `only`) of every audit question in `mode`, and the
    professional's consent buttons; returns how many were tried."""
    sender, professional = new_sender(), mode == PROFESSIONAL
    back_title = audit_texts()["back_button"]
    reply = start(rasa, sender, mode, send)
    questions = list(definition().questions)
    tried = 0
    for index, question in enumerate(questions):
        buttons = shown_buttons(reply)
        assert [b["title"] for b in buttons][: len(question.options)] == [
            o.label for o in question.options]
        last = index == len(questions) - 1 and not professional
        before = rasa.events(sender)
        for button in buttons:
            if button["title"] == back_title or only not in (None, button["title"]):
                continue
            answer = rasa.say(sender, send(button))
            no_crisis(answer, send(button))
            value = (newest_audit(stack) if last else rasa.slots(sender))[question.id]
            assert value == expected(button, question, professional), (question.id, button)
            rasa.restore(sender, before)
            tried += 1
        reply = rasa.say(sender, send(buttons[0]))
    if professional:
        values = {b["title"]: b["value"] for b in audit_texts()["professional_consent_buttons"]}
        before = rasa.events(sender)
        for button in shown_buttons(reply):
            answer = rasa.say(sender, send(button))
            no_crisis(answer, send(button))
            stored = newest_audit(stack)["ammattilainen_suostumus"]
            assert stored == values[button["title"]], button
            rasa.restore(sender, before)
            tried += 1
    return tried


def by_click(button: dict[str, str]) -> str:
    return button["payload"]


def by_typing(button: dict[str, str]) -> str:
    return typed(button["title"])


def test_every_audit_button_is_accepted_as_its_answer(stack, rasa):
    tried = sweep_audit(stack, rasa, SELF, by_click, lambda b, q, p: clicked_value(b, q))
    assert tried == sum(len(q.options) + 1 for q in definition().questions)  # options and skip


def test_professional_buttons_are_accepted_as_their_answers(stack, rasa):
    # The option buttons carry the same payloads in both modes; these are the professional's own.
    dont_know = audit_texts()["dont_know_button"]
    tried = sweep_audit(stack, rasa, PROFESSIONAL, by_click,
                        lambda b, q, p: clicked_value(b, q), only=dont_know)
    consent = len(audit_texts()["professional_consent_buttons"])
    assert tried == len(definition().questions) + consent


def test_a_crisis_typed_at_a_question_still_gets_the_crisis_answer(rasa):
    sender = new_sender()
    start(rasa, sender, SELF, by_click)
    reply = rasa.say(sender, "haluan tappaa itseni")
    texts = [m.get("text") for m in reply]
    assert texts[0] == domain_text("utter_kriisi")
    assert texts[-1].startswith(f"1/{len(definition().questions)}.")
    assert rasa.slots(sender)["kartoitus_kriisi"] is True


def test_every_audit_label_typed_is_understood_and_never_a_crisis(stack, rasa):
    tried = sweep_audit(stack, rasa, PROFESSIONAL, by_typing,
                        lambda b, q, p: typed_value(b["title"], q, p))
    assert tried >= sum(len(q.options) + 2 for q in definition().questions)
    start(rasa, new_sender(), SELF, by_typing)  # the resident's mode label too


def test_back_button_returns_to_the_previous_question(rasa):
    sender = new_sender()
    reply = start(rasa, sender, SELF, by_click)
    reply = rasa.say(sender, shown_buttons(reply)[0]["payload"])
    back = choice_payload(definition().questions[1].id, BACK_CHOICE)
    assert back in [b["payload"] for b in shown_buttons(reply)]
    rasa.say(sender, back)
    assert rasa.slots(sender)[definition().questions[0].id] is None


def contact_value_clicked(slot: str, button: dict[str, str]) -> str:
    return "-" if slot == "tilanne" else carried(button)


def contact_value_typed(slot: str, button: dict[str, str]) -> str | None:
    text = typed(button["title"])
    return {"kunta": normalise_municipality(text), "tilanne": "-"}.get(slot, text)


def sweep_contact_form(stack: Stack, rasa: Rasa, send: Callable[[dict], str],
                       expected: Callable[[str, dict], Any], consent_stored: bool) -> None:
    """Every button of the contact form, each tried at its own question."""
    sender = new_sender()
    offer = rasa.say(sender, "/human_handoff")
    assert "/affirm" in [b["payload"] for b in shown_buttons(offer)]
    rasa.say(sender, "/affirm")
    reply = rasa.say(sender, PHONE)
    assert rasa.slots(sender)["yhteystieto"] == "0401234567"
    for slot in ("kunta", "paras_aika", "tilanne"):
        buttons, before = shown_buttons(reply), rasa.events(sender)
        for button in buttons:
            answer = rasa.say(sender, send(button))
            no_crisis(answer, send(button))
            assert rasa.slots(sender)[slot] == expected(slot, button), (slot, button)
            rasa.restore(sender, before)
        reply = rasa.say(sender, send(buttons[0]))
    before = stack.query("select count(*) from contact_requests")[0][0]
    yes, no = shown_buttons(reply)
    events = rasa.events(sender)
    no_crisis(rasa.say(sender, send(yes)), send(yes))
    stored = stack.query("select count(*) from contact_requests")[0][0] - before
    if consent_stored:
        assert stored == 1
    rasa.restore(sender, events)
    no_crisis(rasa.say(sender, send(no)), send(no))
    assert stack.query("select count(*) from contact_requests")[0][0] == before + stored


def test_every_contact_form_button_is_accepted(stack, rasa):
    sweep_contact_form(stack, rasa, by_click, contact_value_clicked, consent_stored=True)


def test_every_contact_form_label_typed_is_understood_and_never_a_crisis(stack, rasa):
    # The consent answer is the NLU's affirm/deny; "kylla, saa tallentaa" is not yet understood
    # as affirm, so typed consent is checked only for never being a crisis.
    sweep_contact_form(stack, rasa, by_typing, contact_value_typed, consent_stored=False)
