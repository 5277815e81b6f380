"""What the end-to-end tests say and expect, taken from the content files (not hard-coded)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from bot.audit.definition import AuditDefinition, load_definition
from bot.audit.scoring import SKIPPED
from bot.paths import DOMAIN_DIR
from bot.services.content import load_domain_response
from bot.services.dialogue_texts import default_dialogue_texts
from tests.e2e.stack import Message, Stack

DOMAIN = DOMAIN_DIR
PHONE = re.compile(r"\b0\d{1,3}(?: \d{2,4}){1,3}\b")
REFERENCE = re.compile(r"/kartoitus/([A-Z0-9]{8})")
START_AUDIT = "haluan tehdä asumisen kartoituksen"
SELF, PROFESSIONAL = "itse", "ammattilainen"


@lru_cache(maxsize=1)
def crisis_lines() -> tuple[str, ...]:
    """Crisis-line numbers of the domain's utter_kriisi (112 alone would not tell: the degraded
    notice and many answers contain it too)."""
    numbers = tuple(PHONE.findall(load_domain_response(DOMAIN, "utter_kriisi").text))
    assert numbers, "utter_kriisi names no crisis line"
    return numbers


def has_crisis_line(text: str) -> bool:
    """True when `text` gives one of the crisis-line numbers."""
    return any(number in text for number in crisis_lines())


def domain_text(name: str) -> str:
    """First variation of a domain response."""
    return load_domain_response(DOMAIN, name).text


def audit_texts() -> dict[str, Any]:
    """The audit section of dialogue.yml."""
    return default_dialogue_texts().audit


def contact_texts() -> dict[str, Any]:
    """The contact section of dialogue.yml."""
    return default_dialogue_texts().contact


def question_text(slot: str) -> str:
    """A contact form question as the bot asks it."""
    return default_dialogue_texts().questions[slot]["text"]


def question_button(slot: str, index: int) -> str:
    """Title of a contact form question's button."""
    return default_dialogue_texts().questions[slot]["buttons"][index]["title"]


def contact_reference(text: str) -> str:
    """The reference code in the contact form's "saved" message."""
    before, after = contact_texts()["saved"].split("{reference}")
    pattern = re.escape(before) + r"([A-Z0-9]{8})" + re.escape(after[:20])
    found = re.search(pattern, text)
    assert found, text
    return found.group(1)


@lru_cache(maxsize=1)
def definition() -> AuditDefinition:
    """audit.yml, which `content load` also stores as the live definition."""
    return load_definition()


def lowest_answers() -> dict[str, str]:
    """The lowest-scoring non-acute option of every question (no floors): a MATALA audit."""
    answers = {}
    for question in definition().questions:
        calm = [o for o in question.options if not o.acute and not o.floor]
        answers[question.id] = min(calm, key=lambda o: o.points).id
    return answers


# Half-sentences and mumbling that a user might send; which of them the model cannot place
# depends on the training, so `unclear_messages` asks the running model.
UNCLEAR_CANDIDATES = (
    "blöö blöö hmm", "hmm öö no tota", "lorem ipsum dolor", "jaa-a, emmä tiiä",
    "öö siis tota noin", "kissa istuu puussa", "no mut entäs se toinen juttu", "entäs se toinen",
    "sit se yks juttu siitä toisesta", "mites se meni taas", "noh, katotaan", "joo ei kun siis",
    "se oli se juttu", "mitäs tässä", "aijaa no sitten", "tota noin niinku",
)


def unclear_messages(stack: Stack, count: int) -> list[str]:
    """`count` candidates that the running model puts under the NLU fallback threshold."""
    parsed = {text: stack.parse(text)["intent"]["name"] for text in UNCLEAR_CANDIDATES}
    unclear = [text for text, intent in parsed.items() if intent == "nlu_fallback"]
    assert len(unclear) >= count, f"too few unclear candidates for this model: {parsed}"
    return unclear[:count]


def last_text(messages: list[Message]) -> str:
    """The text of the bot's last message."""
    return messages[-1]["text"]


def all_text(messages: list[Message]) -> str:
    """Every text of a reply, one per line."""
    return "\n".join(m["text"] for m in messages)


def start_audit(stack: Stack, sender: str, mode: str) -> list[Message]:
    """Ask for the audit in words and choose the mode with its button; returns question 1."""
    intro = stack.chat(START_AUDIT, sender)
    titles = [b["title"] for b in audit_texts()["mode_buttons"]]
    reply = stack.click(intro, titles[0] if mode == SELF else titles[1], sender)
    assert last_text(reply).startswith(f"1/{len(definition().questions)}."), reply
    return reply


def answer_question(stack: Stack, reply: list[Message], number: int, option_id: str,
                    sender: str) -> list[Message]:
    """Click the option's button (or the skip button) on question `number` (1-based)."""
    question = definition().questions[number - 1]
    assert last_text(reply).startswith(f"{number}/{len(definition().questions)}."), reply
    if option_id == SKIPPED:
        return stack.click(reply, audit_texts()["skip_button"], sender)
    return stack.click(reply, question.option(option_id).label, sender)


def run_audit(stack: Stack, sender: str, mode: str, answers: dict[str, str],
              consent_title: str | None = None) -> tuple[dict[str, list[Message]], list[Message]]:
    """A whole audit through the chat: the reply to each answer by question id, and the result."""
    reply, replies = start_audit(stack, sender, mode), {}
    for number, question in enumerate(definition().questions, start=1):
        reply = answer_question(stack, reply, number, answers[question.id], sender)
        replies[question.id] = reply
    if mode == PROFESSIONAL:
        reply = stack.click(reply, consent_title or "", sender)
    return replies, reply


def stored_audit(stack: Stack, reference: str) -> dict[str, Any]:
    """The audit_results row of a reference code, JSON columns decoded."""
    rows = stack.query(
        "select mode, level, total, answers, reasons, professional_consent, created_at, "
        "expires_at from audit_results where reference = ?", reference,
    )
    assert len(rows) == 1, rows
    mode, level, total, answers, reasons, consent, created, expires = rows[0]
    return {"mode": mode, "level": level, "total": total, "answers": json.loads(answers),
            "reasons": json.loads(reasons), "professional_consent": consent,
            "created_at": created, "expires_at": expires}
