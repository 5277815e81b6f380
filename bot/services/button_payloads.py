"""What the bot's buttons send: built here, read back by the actions, allow-listed by the web app.

A label is only what people see. The payload is a Rasa intent, so a click never goes through the
classifier: topics are `/<topic intent>`, municipalities `/inform_kunta{"kunta": ...}`, and the
answer to a form question `/valinta{"valinta": "<slot>:<value>"}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bot.audit.answer_parser import BACK_CHOICE
from bot.audit.definition import AuditDefinition, Question
from bot.audit.scoring import DONT_KNOW, SKIPPED
from bot.domain_files import load_domain
from bot.services.answer_messages import municipality_buttons
from bot.services.dialogue_texts import DialogueTexts
from bot.services.topics import TopicCatalogue

CHOICE_INTENT = "valinta"
CHOICE_ENTITY = "valinta"
# Intents that only buttons send; the NLU tests do not ask typed examples of them.
PAYLOAD_ONLY_INTENTS = (CHOICE_INTENT,)
# Sent by the widget itself (the greeting when a chat opens or restarts).
WIDGET_PAYLOADS = ("/greet",)
# The audit's own questions besides those of the definition.
AUDIT_MODE_SLOT = "kartoitus_tila"
AUDIT_CONSENT_SLOT = "ammattilainen_suostumus"
Button = tuple[str, str]


def choice_payload(slot: str, value: str) -> str:
    """The payload of an answer button: `/valinta{"valinta":"<slot>:<value>"}`."""
    entity = json.dumps(
        {CHOICE_ENTITY: f"{slot}:{value}"}, ensure_ascii=False, separators=(",", ":")
    )
    return f"/{CHOICE_INTENT}{entity}"


def choice_value(latest_message: Mapping[str, Any], slot: str) -> str | None:
    """The value an answer button carried for `slot`; None when typed or meant for another slot."""
    intent = (latest_message.get("intent") or {}).get("name")
    if intent != CHOICE_INTENT:
        return None
    for entity in latest_message.get("entities") or []:
        if entity.get("entity") == CHOICE_ENTITY:
            name, _, value = str(entity.get("value") or "").partition(":")
            if name == slot and value:
                return value
    return None


def is_choice(latest_message: Mapping[str, Any]) -> bool:
    """True when the message came from an answer button (its text is a payload, not words)."""
    return (latest_message.get("intent") or {}).get("name") == CHOICE_INTENT


def choice_buttons(slot: str, definitions: Iterable[Mapping[str, str]]) -> list[Button]:
    """Buttons from content: `value` answers the question `slot`; `payload` is an intent as is."""
    buttons = []
    for item in definitions:
        payload = item.get("payload") or choice_payload(slot, str(item["value"]))
        buttons.append((str(item["title"]), str(payload)))
    return buttons


def choice_values(definitions: Iterable[Mapping[str, str]]) -> frozenset[str]:
    """The `value`s of a question's buttons from content."""
    return frozenset(str(item["value"]) for item in definitions if "value" in item)


def audit_question_buttons(
    question: Question, audit_texts: Mapping[str, Any], professional: bool
) -> list[Button]:
    """The options of one audit question, then skip, "don't know" (professionals) and back.

    A question whose own option is labelled "En tiedä" (k07) gets no second button of that name."""
    buttons = [(o.label, choice_payload(question.id, o.id)) for o in question.options]
    extras = [(audit_texts["skip_button"], SKIPPED)]
    labels = {o.label for o in question.options}
    if professional and audit_texts["dont_know_button"] not in labels:
        extras.append((audit_texts["dont_know_button"], DONT_KNOW))
    extras.append((audit_texts["back_button"], BACK_CHOICE))
    return buttons + [(title, choice_payload(question.id, value)) for title, value in extras]


def skip_button(question_id: str, audit_texts: Mapping[str, Any]) -> Button:
    """The "skip this question" button offered after repeated unclear answers."""
    return audit_texts["skip_button"], choice_payload(question_id, SKIPPED)


def domain_payloads(domain_path: Path) -> set[str]:
    """Payloads of the buttons in the domain's responses (the common topics)."""
    domain = load_domain(domain_path)
    return {
        str(button["payload"])
        for variations in (domain.get("responses") or {}).values()
        for variation in variations
        for button in variation.get("buttons") or []
    }


def all_payloads(
    definition: AuditDefinition,
    dialogue: DialogueTexts,
    catalogue: TopicCatalogue,
    domain_path: Path,
) -> frozenset[str]:
    """Every payload a button of this bot can carry, from the same builders the actions use."""
    audit = dialogue.audit
    payloads = set(WIDGET_PAYLOADS) | domain_payloads(domain_path)
    payloads |= {catalogue.button(intent)[1] for intent in catalogue.titles}
    payloads |= {p for _, p in municipality_buttons(dialogue)}
    payloads |= {"/inform_kunta", "/affirm", "/deny"}  # change municipality; contact offers
    for question in definition.questions:
        payloads |= {p for _, p in audit_question_buttons(question, audit, professional=True)}
    payloads |= {p for _, p in choice_buttons(AUDIT_MODE_SLOT, audit["mode_buttons"])}
    consent = audit["professional_consent_buttons"]
    payloads |= {p for _, p in choice_buttons(AUDIT_CONSENT_SLOT, consent)}
    for slot, form_question in dialogue.questions.items():
        payloads |= {p for _, p in choice_buttons(slot, form_question.get("buttons") or [])}
    return frozenset(payloads)
