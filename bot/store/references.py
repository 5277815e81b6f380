"""Short unguessable reference codes for stored rows (contact requests, audit summaries)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.db import Database

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
REFERENCE_LENGTH = 8


def new_reference() -> str:
    """A short unguessable code (32^8 ≈ 10^12) without personal data."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def insert_with_reference(db: Database, add: Callable[[Session, str], Any]) -> str:
    """Run `add(session, reference)` under a fresh code, retrying the rare collision."""
    for _ in range(5):
        reference = new_reference()
        try:
            with db.session() as session:
                add(session, reference)
            return reference
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a unique reference code")
