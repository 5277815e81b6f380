"""Answers every topic from the content store, asking the municipality where it matters."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import store_unanswered
from actions.messages import send_replies
from actions.stats import record_topic
from actions.store import database
from bot.services import inbox, topic_answers
from bot.services.content import domain_default
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topic_answers import (
    ASK_AGAIN,
    ASK_MUNICIPALITY,
    DOMAIN_DEFAULT,
    MUNICIPALITY_NOTED,
    TopicOutcome,
)
from bot.services.topics import default_catalogue

INFORM_MUNICIPALITY = "inform_kunta"


class ActionAnswerTopic(Action):
    """One action for all topic intents and for the municipality answer."""

    def name(self) -> str:
        """Action name used in domain and rules."""
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Answer the topic of the last message (or the pending one after a municipality)."""
        latest = tracker.latest_message
        intent = (latest.get("intent") or {}).get("name")
        municipality = tracker.get_slot("kunta")
        if intent != INFORM_MUNICIPALITY:
            keep_if_unsure(latest)
            return answer_topic(dispatcher, str(intent), municipality)
        entities = tracker.latest_message.get("entities") or []
        outcome = topic_answers.municipality_turn(
            db=database(),
            named=[str(e.get("value") or "") for e in entities if e.get("entity") == "kunta"],
            pending_topic=tracker.get_slot("pending_topic"),
            last_topic=tracker.get_slot("last_topic"),
            municipality=municipality,
            catalogue=default_catalogue(),
            texts=default_dialogue_texts(),
        )
        if outcome.kind == ASK_AGAIN:
            send_replies(dispatcher, outcome.replies)
            return [SlotSet("pending_topic", outcome.intent or None)]
        if outcome.kind == MUNICIPALITY_NOTED:
            send_replies(dispatcher, outcome.replies)
            return []
        record_topic(outcome, municipality)
        return render_topic(dispatcher, outcome)


def keep_if_unsure(latest: dict[str, Any]) -> None:
    """A topic answered with low confidence also goes to the admins' inbox (masked)."""
    intent = latest.get("intent") or {}
    confidence = float(intent.get("confidence") or 0.0)
    if inbox.is_low_confidence(str(intent.get("name")), confidence):
        store_unanswered(latest.get("text") or "", latest.get("intent_ranking") or [],
                         reason="epavarma")


def answer_topic(
    dispatcher: CollectingDispatcher, intent: str, municipality: str | None
) -> list[dict[str, Any]]:
    """Send the stored answer; ask the municipality first when the answer is local."""
    outcome = topic_answers.answer_topic(
        db=database(),
        intent=intent,
        municipality=municipality,
        catalogue=default_catalogue(),
        texts=default_dialogue_texts(),
    )
    record_topic(outcome, municipality)
    return render_topic(dispatcher, outcome)


def render_topic(dispatcher: CollectingDispatcher, outcome: TopicOutcome) -> list[dict[str, Any]]:
    """Send the outcome of a topic question and set the dialogue slots it implies."""
    reset = [SlotSet("fallback_count", 0.0), SlotSet("contact_offered", False)]
    if outcome.kind == ASK_MUNICIPALITY:
        send_replies(dispatcher, outcome.replies)
        return [*reset, SlotSet("pending_topic", outcome.intent)]
    done = [*reset, SlotSet("pending_topic", None), SlotSet("last_topic", outcome.intent)]
    if outcome.kind == DOMAIN_DEFAULT:
        dispatcher.utter_message(response=domain_default(outcome.intent))
        return [*done, SlotSet("sisalto_saatavilla", False)]
    send_replies(dispatcher, outcome.replies)
    return [*done, SlotSet("contact_offered", outcome.offers_contact)]
