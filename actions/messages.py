"""Sends bot.services Reply objects through the Rasa dispatcher."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

from bot.services.content import Reply, button_dicts

__all__ = ["button_dicts", "send_replies"]


def send_replies(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    """One utter_message per reply, buttons as title/payload dicts."""
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=button_dicts(reply.buttons))
