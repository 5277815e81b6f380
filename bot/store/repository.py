"""Queries the bot needs; every call is one short transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.store.content_files import EVERYWHERE
from bot.store.db import Database
from bot.store.models import (
    ALL_MUNICIPALITIES,
    ContactRequest,
    Service,
    TopicAnswer,
    UnansweredMessage,
)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
REFERENCE_LENGTH = 8
MAX_UNANSWERED_CHARS = 1000


@dataclass(frozen=True)
class Answer:
    """The answer to show: municipal variant if there is one, else the general text."""

    intent: str
    text: str
    next_steps: tuple[str, ...]
    service_categories: tuple[str, ...]
    needs_municipality: bool
    offers_contact: bool


@dataclass(frozen=True)
class ServiceInfo:
    """A service as the bot lists it."""

    name: str
    helps_with: str
    url: str
    phone: str | None
    hours: str | None
    verified: bool


@dataclass(frozen=True)
class NewContactRequest:
    """What the contact form collected (only with consent)."""

    contact: str
    municipality: str
    best_time: str
    situation: str = ""
    topic: str = ""


def new_reference() -> str:
    """A short unguessable code (32^8 ≈ 10^12) without personal data."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def insert_with_reference(db: Database, make_row) -> str:
    """Insert `make_row(reference)` under a fresh code, retrying the rare collision."""
    for _ in range(5):
        reference = new_reference()
        try:
            with db.session() as session:
                session.add(make_row(reference))
            return reference
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a unique reference code")


class ContentRepository:
    """Reads answers and services, writes contact requests and unanswered messages."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def answer(self, intent: str, municipality: str | None = None) -> Answer | None:
        """The answer for a topic, preferring the municipality's own variant."""
        keys = [m for m in (municipality, ALL_MUNICIPALITIES) if m is not None]
        with self.db.session() as session:
            rows = session.scalars(
                select(TopicAnswer).where(
                    TopicAnswer.intent == intent, TopicAnswer.municipality.in_(keys)
                )
            ).all()
        if not rows:
            return None
        row = sorted(rows, key=lambda r: r.municipality == ALL_MUNICIPALITIES)[0]
        return Answer(
            intent=row.intent,
            text=row.text,
            next_steps=tuple(row.next_steps or ()),
            service_categories=tuple(row.service_categories or ()),
            needs_municipality=row.needs_municipality,
            offers_contact=row.offers_contact,
        )

    def services(self, municipality: str, categories: tuple[str, ...]) -> list[ServiceInfo]:
        """Local services first, then area-wide ones, in the order of `categories`."""
        if not categories:
            return []
        with self.db.session() as session:
            rows = session.scalars(select(Service).order_by(Service.key)).all()
        # A deployment entry the county has not filled in has no text and no municipalities: hidden.
        wanted = [
            r for r in rows
            if set(r.categories) & set(categories)
            and r.helps_with.strip()
            and (municipality in r.municipalities or EVERYWHERE in r.municipalities)
        ]

        def rank(row: Service) -> tuple[int, int]:
            first = min(categories.index(c) for c in row.categories if c in categories)
            return (first, 0 if municipality in row.municipalities else 1)

        return [
            ServiceInfo(r.name, r.helps_with, r.url, r.phone, r.hours, r.verified)
            for r in sorted(wanted, key=rank)
        ]

    def save_contact_request(self, request: NewContactRequest) -> str:
        """Store a consented request with status `uusi`; returns its reference code."""
        return insert_with_reference(
            self.db,
            lambda reference: ContactRequest(
                reference=reference,
                contact=request.contact,
                municipality=request.municipality,
                best_time=request.best_time,
                situation=request.situation,
                topic=request.topic,
                status="uusi",
            ),
        )

    def save_unanswered(self, text: str, ranking: list[dict]) -> None:
        """Keep an unanswered message for admins: text and intent ranking, nothing else."""
        compact = [
            {"intent": str(r.get("name")), "confidence": round(float(r.get("confidence", 0)), 4)}
            for r in ranking[:5]
        ]
        with self.db.session() as session:
            session.add(UnansweredMessage(text=text[:MAX_UNANSWERED_CHARS], intent_ranking=compact))
