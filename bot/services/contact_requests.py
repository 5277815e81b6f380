"""Use case, the resident's side: check the contact form's answers, store the request, confirm."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from bot.services.contact_details import is_skip, looks_like_time
from bot.services.dialogue_texts import DialogueTexts
from bot.services.office_hours import OfficeHours
from bot.store import contact_requests
from bot.store.db import Database
from bot.store.references import insert_with_reference

logger = logging.getLogger(__name__)

MAX_TIME_CHARS = 200
MAX_SITUATION_CHARS = 500
SKIPPED = "-"  # the situation question was skipped
TYPED_TIME_AFTER_FAILURES = 2  # from the third try on any short text is taken as the time


@dataclass(frozen=True)
class ContactInput:
    """What the contact form collected."""

    contact: str
    municipality: str
    best_time: str
    situation: str = ""
    topic: str = ""


@dataclass(frozen=True)
class SubmitOutcome:
    """What to tell the resident: `messages` in order; `reference` when it was stored."""

    messages: tuple[str, ...]
    reference: str | None = None


@dataclass(frozen=True)
class TimeAnswer:
    """A best-time answer: `value` when understood; `taken_as_is` when accepted unparsed."""

    value: str | None
    text: str
    taken_as_is: bool = False


def best_time_choice(choice: str | None, valid: Collection[str]) -> str | None:
    """A clicked time button, when it is one of the question's buttons."""
    return choice if choice in valid else None


def best_time_typed(text: str, failures: int) -> TimeAnswer:
    """A typed time of day or weekday; after two failed tries any short text is taken."""
    text = " ".join(text.split())[:MAX_TIME_CHARS]
    if text and looks_like_time(text):
        return TimeAnswer(text, text)
    if text and failures >= TYPED_TIME_AFTER_FAILURES:
        return TimeAnswer(text, text, taken_as_is=True)
    return TimeAnswer(None, text)


@dataclass(frozen=True)
class SituationAnswer:
    """A typed situation: the value for the slot, and whether the resident skipped it."""

    value: str
    skipped: bool


def situation_typed(text: str) -> SituationAnswer:
    """Optional free text: SKIPPED when empty or a skip phrase, else the text (cut to 500)."""
    text = " ".join(text.split())
    if not text or is_skip(text):
        return SituationAnswer(SKIPPED, skipped=True)
    return SituationAnswer(text[:MAX_SITUATION_CHARS], skipped=False)


def situation_to_store(value: str | None) -> str:
    """The stored situation: empty when skipped."""
    return "" if not value or value == SKIPPED else value


def out_of_hours_note(
    moment: datetime, dialogue: DialogueTexts, hours: OfficeHours | None = None
) -> str | None:
    """Outside the team's hours: when to expect contact; nothing while the county has set none."""
    hours = hours or OfficeHours.from_config(dialogue.office_hours)
    if not hours.is_set or hours.is_open(moment):
        return None
    opening = hours.next_opening(moment)
    texts = dialogue.contact
    day = texts["weekday_names"][opening.weekday()]
    when = texts["next_opening"].format(day=day, hour=opening.hour)
    return texts["saved_out_of_hours"].format(next_opening=when)


def submit_request(
    *,
    db: Database,
    request: ContactInput,
    consent: bool,
    now: datetime,
    dialogue: DialogueTexts,
    hours: OfficeHours | None = None,
) -> SubmitOutcome:
    """Store a consented request under a reference code; say when the team will call."""
    texts = dialogue.contact
    if not consent:
        return SubmitOutcome((texts["no_consent"],))
    try:
        reference = insert_with_reference(
            db,
            lambda session, code: contact_requests.create(
                session=session,
                reference=code,
                contact=request.contact,
                municipality=request.municipality,
                best_time=request.best_time,
                situation=request.situation,
                topic=request.topic,
            ),
        )
    except (SQLAlchemyError, RuntimeError) as exc:
        logger.error("contact request not stored (%s)", type(exc).__name__)
        return SubmitOutcome((texts["storage_failed"],))
    messages = [texts["saved"].format(reference=reference)]
    note = out_of_hours_note(now, dialogue, hours)
    if note:
        messages.append(note)
    return SubmitOutcome(tuple(messages), reference)
