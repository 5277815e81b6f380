"""Seeds the database from the content files; running it twice changes nothing.

An answer or service last changed in the content editor is not overwritten by a different file
version unless `force` is set: the load reports it as skipped instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import content_entries, content_versions
from bot.store.content_data import ANSWER, SERVICE, answer_data, service_data
from bot.store.content_files import AnswerEntry
from bot.store.db import Database
from bot.store.models import Service, TopicAnswer
from bot.store.records import ServiceRecord


@dataclass(frozen=True)
class Skipped:
    """An entry kept as the editor left it: which, by whom, when, its version number."""

    kind: str
    key: str
    author: str
    when: str
    number: int


@dataclass
class LoadCounts:
    """What a load did, for the CLI to print (rows added/updated/unchanged, entries skipped)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def _editor_edit_wins(session: Session, kind: str, key: str, force: bool) -> Skipped | None:
    """The newest version, when it was made in the editor and `force` is not set."""
    newest = content_versions.latest(session=session, kind=kind, key=key)
    if force or newest is None or not newest.by_editor:
        return None
    return Skipped(kind, key, newest.author, newest.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                   newest.number)


def _record_version(session: Session, kind: str, key: str, data: dict, changed: bool) -> None:
    """A file version when the load changed the entry or when it has no history yet."""
    if changed or content_versions.latest(session=session, kind=kind, key=key) is None:
        content_versions.create(session=session, kind=kind, key=key, data=data,
                                origin=content_versions.FROM_FILE, author="content load")


def _load_answer(session: Session, entry: AnswerEntry, force: bool, counts: LoadCounts) -> None:
    live = content_entries.get_answer(session=session, intent=entry.intent)
    data = answer_data(entry)
    if live is not None and answer_data(live) != data:
        skipped = _editor_edit_wins(session, ANSWER, entry.intent, force)
        if skipped:
            counts.skipped.append(skipped)
            return
    added, updated, unchanged = content_entries.put_answer(session=session, entry=entry)
    counts.added += added
    counts.updated += updated
    counts.unchanged += unchanged
    _record_version(session, ANSWER, entry.intent, data, bool(added or updated))


def _load_service(
    session: Session, service: ServiceRecord, force: bool, counts: LoadCounts
) -> None:
    live = content_entries.get_service(session=session, key=service.key)
    data = service_data(service)
    if live is not None and service_data(live) != data:
        skipped = _editor_edit_wins(session, SERVICE, service.key, force)
        if skipped:
            counts.skipped.append(skipped)
            return
    result = content_entries.put_service(session=session, record=service)
    setattr(counts, result, getattr(counts, result) + 1)
    _record_version(session, SERVICE, service.key, data, result != "unchanged")


def load_content(
    db: Database, answers: list[AnswerEntry], services: list[ServiceRecord], force: bool = False
) -> LoadCounts:
    """Insert or update every answer and service from the files; keep newer editor edits."""
    counts = LoadCounts()
    with db.session() as session:
        for entry in answers:
            _load_answer(session, entry, force, counts)
        for service in services:
            _load_service(session, service, force, counts)
    return counts


def count_rows(db: Database) -> dict[str, int]:
    """Row counts of the content tables (for `content load` output and health checks)."""
    with db.session() as session:
        return {
            "answers": len(session.scalars(select(TopicAnswer.intent)).all()),
            "services": len(session.scalars(select(Service.key)).all()),
        }
