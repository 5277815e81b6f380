"""Sends bot.services Reply objects through the Rasa dispatcher."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

from bot.services.content import Reply


def button_dicts(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """(title, payload) pairs in the shape Rasa's dispatcher takes."""
    return [{"title": t, "payload": p} for t, p in pairs]


def send_replies(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    """One utter_message per reply, buttons as title/payload dicts."""
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=button_dicts(reply.buttons))
