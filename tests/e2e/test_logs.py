"""The services' logs never tie what someone wrote, or their contact details, to a sender id."""

from __future__ import annotations

from tests.e2e.conversation import (
    SELF,
    contact_texts,
    lowest_answers,
    question_button,
    run_audit,
)
from tests.e2e.stack import new_sender

SERVICES = ("rasa", "actions", "web")
STARTED = {"rasa": "Rasa server is up and running", "actions": "Action endpoint is up and running",
           "web": "Uvicorn running on"}
PHONE, EMAIL = "040 765 0046", "testi.lokitus@esimerkki.fi"


def leaks(lines: list[str], sent: list[tuple[str, str]], details: tuple[str, ...]) -> list[str]:
    """Log lines with a sender id and that sender's message, or with a contact detail at all."""
    typed = [(sender, message) for sender, message in sent if not message.startswith("/")]

    def leaky(line: str) -> bool:
        return any(detail in line for detail in details) or any(
            sender in line and message in line for sender, message in typed)

    return [line for line in lines if leaky(line)]


def test_the_leak_check_finds_a_leak():
    sent = [("e2eabc123", "mulla on vuokrat rästissä")]
    assert leaks(["INFO user e2eabc123 said 'mulla on vuokrat rästissä'"], sent, ()) != []
    assert leaks(["saved 0407650046"], [], ("0407650046",)) != []
    assert leaks(["INFO e2eabc123 handled", "mulla on vuokrat rästissä"], sent, ()) == []


def test_no_log_line_ties_a_message_or_contact_detail_to_a_sender(stack):
    normal = new_sender()
    for message in ("moi", "mulla on vuokrat rästissä", "asun Hyvinkäällä", "kiitos"):
        stack.chat(message, normal)
    for contact in (PHONE, EMAIL):
        sender = new_sender()
        asked = stack.click(stack.chat("haluan puhua ihmiselle", sender),
                            contact_texts()["yes_button"], sender)
        for answer in (contact, "Hyvinkää", "aamupäivällä", "vuokranantaja uhkaa häädöllä"):
            asked = stack.chat(answer, sender)
        stack.click(asked, question_button("suostumus", 0), sender)
    run_audit(stack, new_sender(), SELF, {**lowest_answers(), "k05_rastit": "alle_kk"})

    logs = {name: stack.log_text(name) for name in SERVICES}
    for name in SERVICES:  # the capture works: each service's own start-up line is there
        assert STARTED[name] in logs[name], (name, logs[name][-500:])
    lines = [line for text in logs.values() for line in text.splitlines()]
    details = (PHONE, PHONE.replace(" ", ""), EMAIL)
    assert leaks(lines, stack.sent, details) == []
