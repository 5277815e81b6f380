"""Builds the chat messages of a topic answer: text, local services, next-step buttons."""

from __future__ import annotations

from bot.municipalities import ANY_MUNICIPALITY, MUNICIPALITIES, OTHER_MUNICIPALITY
from bot.services.content import Reply
from bot.services.dialogue_texts import DialogueTexts
from bot.services.topics import TopicCatalogue
from bot.store.records import ServiceRecord, TopicAnswerRecord

MAX_NEXT_STEPS = 4


def municipality_buttons(texts: DialogueTexts) -> tuple[tuple[str, str], ...]:
    """The six municipalities and "other" as inform_kunta payloads."""
    pairs = [(m, f'/inform_kunta{{"kunta":"{m}"}}') for m in MUNICIPALITIES]
    other = (texts.municipality["other_button"], f'/inform_kunta{{"kunta":"{OTHER_MUNICIPALITY}"}}')
    return (*pairs, other)


def service_line(service: ServiceRecord, texts: DialogueTexts) -> str:
    """One bullet: name, what it helps with, how to reach it (details only when verified)."""
    if not service.verified:
        return f"• {service.name}: {texts.services['unverified']}: {service.url}"
    parts = [f"• {service.name}: {service.helps_with}"]
    if service.phone:
        parts.append(f"{texts.services['phone']} {service.phone}")
    if service.hours:
        parts.append(service.hours)
    text = " ".join(p if p.endswith((".", ":")) else p + "." for p in parts)
    # A county-set entry (deployment) may have no web page.
    return f"{text} {service.url}" if service.url else text


def services_text(
    municipality: str | None, services: list[ServiceRecord], texts: DialogueTexts
) -> str:
    """Header plus one line per service."""
    local = municipality in MUNICIPALITIES
    header = (
        texts.services["header_local"].format(genitive=texts.genitive(municipality or ""))
        if local
        else texts.services["header_area"]
    )
    return "\n".join([header, *(service_line(s, texts) for s in services)])


def next_step_buttons(
    answer: TopicAnswerRecord, catalogue: TopicCatalogue, texts: DialogueTexts, show_change: bool
) -> tuple[tuple[str, str], ...]:
    """2-4 next steps from content, plus "change municipality" when services were listed."""
    steps = [catalogue.button(i) for i in answer.next_steps if i in catalogue.titles]
    buttons = steps[:MAX_NEXT_STEPS]
    if show_change:
        buttons.append((texts.municipality["change_button"], "/inform_kunta"))
    return tuple(buttons)


def topic_reply(
    answer: TopicAnswerRecord,
    municipality: str | None,
    services: list[ServiceRecord],
    catalogue: TopicCatalogue,
    texts: DialogueTexts,
) -> list[Reply]:
    """The answer text, the service list (if any) and buttons on the last message."""
    messages = [answer.text]
    if services:
        messages.append(services_text(municipality, services, texts))
    if answer.offers_contact:
        offer = (
            (texts.contact["yes_button"], "/affirm"),
            (texts.contact["no_button"], "/deny"),
        )
        return [Reply(m) for m in messages] + [Reply(texts.contact["offer"], offer)]
    show_change = bool(services) and municipality is not None
    buttons = next_step_buttons(answer, catalogue, texts, show_change)
    return [Reply(m) for m in messages[:-1]] + [Reply(messages[-1], buttons)]


def services_municipality(municipality: str | None) -> str:
    """The municipality key for the service query (area-wide only when unknown or other)."""
    return municipality if municipality in MUNICIPALITIES else ANY_MUNICIPALITY
