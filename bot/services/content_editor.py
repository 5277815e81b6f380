"""Use cases of the content editor: check, save and roll back answers and services.

Every save runs the rules of `asumisbotti content check` on the entry (sources, dates, links,
phones) and is refused with the problems by field; a saved change is a new version, goes live at
once (the bot reads the tables at every message) and is logged without its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain_files import load_domain
from bot.municipalities import ANY_MUNICIPALITY, MUNICIPALITIES
from bot.services.content_diff import FieldChange, diff
from bot.store import content_entries, content_versions, staff_log
from bot.store.content_data import (
    ANSWER,
    SERVICE,
    answer_data,
    answer_from_data,
    service_data,
    service_from_data,
)
from bot.store.content_files import (
    FAIL_AFTER_MONTHS,
    PHONE_IN_TEXT,
    URL_PATTERN,
    WARN_AFTER_MONTHS,
    AnswerEntry,
    ContentError,
    check_dates,
    check_phone_sources,
    months_before,
)
from bot.store.content_versions import VersionRecord
from bot.store.db import Database
from bot.store.records import ServiceRecord

PHONE_SHAPE = re.compile(r"^\+?\d[\d -]*\d$")
CATEGORY_SHAPE = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Problem:
    """Why a field cannot be saved: `code` names the Finnish text, `detail` lists values."""

    field: str
    code: str
    detail: str = ""


@dataclass(frozen=True)
class SaveOutcome:
    """What a save or rollback did."""

    saved: bool
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    number: int | None = None
    unchanged: bool = False


@dataclass(frozen=True)
class EditorRules:
    """What the checks need besides the entry: intents of the domain and today's date."""

    known_intents: frozenset[str]
    today: date


@lru_cache(maxsize=4)
def _domain_intents(domain_path: Path) -> frozenset[str]:
    return frozenset(str(i) for i in load_domain(domain_path)["intents"])


def editor_rules(domain_path: Path, today: date | None = None) -> EditorRules:
    """The rules for a save now (domain intents are read once per process)."""
    return EditorRules(_domain_intents(domain_path), today or date.today())


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in (v.strip() for v in values):
        if value and value not in seen:
            seen.append(value)
    return seen


def _words(text: str) -> str:
    return " ".join(text.split())


def answer_form_data(*, text: str, variants: dict[str, str], sources: str, checked: str,
                     next_steps: list[str], services: list[str], needs_municipality: bool,
                     offers_contact: bool) -> dict[str, Any]:
    """The answers.yml item of a submitted form (whitespace tidied, empty choices dropped)."""
    data: dict[str, Any] = {"text": _words(text)}
    kept = {m: _words(t) for m, t in variants.items() if _words(t)}
    if kept:
        data["variants"] = kept
    data["sources"] = _unique(sources.splitlines())
    data["checked"] = checked.strip()
    data["next_steps"] = _unique(next_steps)
    data["services"] = _unique(services)
    if needs_municipality:
        data["needs_municipality"] = True
    if offers_contact:
        data["offers_contact"] = True
    return data


def service_form_data(*, key: str, deployment: bool, name: str, helps_with: str,
                      municipalities: list[str], categories: str, url: str, phone: str,
                      hours: str, source: str, checked: str, verified: bool) -> dict[str, Any]:
    """The services.yml item of a submitted form."""
    data: dict[str, Any] = {"key": key, "name": name.strip()}
    if deployment:
        data["deployment"] = True
    data["municipalities"] = _unique(municipalities)
    data["categories"] = _unique(categories.replace(",", " ").split())
    data["helps_with"] = _words(helps_with)
    if url.strip() or not deployment:
        data["url"] = url.strip()
    if phone.strip():
        data["phone"] = " ".join(phone.split())
    if hours.strip():
        data["hours"] = _words(hours)
    if not deployment:
        data["source"] = source.strip()
    data["checked"] = checked.strip()
    data["verified"] = verified
    return data


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _bad_links(text: str) -> list[str]:
    found = (u.rstrip(".,)") for u in re.findall(r"https?://\S+", text))
    return [u for u in found if not URL_PATTERN.match(u)]


def _check_date(value: str, rules: EditorRules) -> tuple[list[Problem], list[Problem]]:
    try:
        checked = date.fromisoformat(value)
    except ValueError:
        return [Problem("checked", "checked_invalid")], []
    if checked > rules.today:
        return [Problem("checked", "checked_future")], []
    if checked < months_before(rules.today, FAIL_AFTER_MONTHS):
        return [Problem("checked", "checked_old")], []
    if checked < months_before(rules.today, WARN_AFTER_MONTHS):
        return [], [Problem("checked", "checked_stale")]
    return [], []


def date_warnings(checked: str, rules: EditorRules) -> list[Problem]:
    """The "check again soon" warning of a valid check date (for the edit page)."""
    return _check_date(checked, rules)[1]


def _text_problems(field: str, text: str, phones: set[str]) -> list[Problem]:
    problems = []
    bad = _bad_links(text)
    if bad:
        problems.append(Problem(field, "bad_link", ", ".join(bad)))
    found = (m.group(0) for m in PHONE_IN_TEXT.finditer(text))
    unknown = [p for p in found if _digits(p) not in phones]
    if unknown:
        problems.append(Problem(field, "unknown_phone", ", ".join(unknown)))
    return problems


def _answer_problems(data: dict[str, Any], services: list[ServiceRecord],
                     rules: EditorRules) -> tuple[list[Problem], list[Problem]]:
    phones = {_digits(s.phone) for s in services if s.phone}
    problems: list[Problem] = []
    if not data["text"]:
        problems.append(Problem("text", "text_empty"))
    problems += _text_problems("text", data["text"], phones)
    for municipality, text in (data.get("variants") or {}).items():
        if municipality not in MUNICIPALITIES:
            problems.append(Problem("variants", "unknown_municipality", municipality))
        problems += _text_problems(f"variant-{municipality}", text, phones)
    if not data["sources"]:
        problems.append(Problem("sources", "sources_missing"))
    bad = [s for s in data["sources"] if not URL_PATTERN.match(s)]
    if bad:
        problems.append(Problem("sources", "bad_link", ", ".join(bad)))
    date_problems, warnings = _check_date(data["checked"], rules)
    unknown = [s for s in data["next_steps"] if s not in rules.known_intents]
    if unknown:
        problems.append(Problem("next_steps", "unknown_intent", ", ".join(unknown)))
    categories = {c for s in services for c in s.categories}
    unknown = [c for c in data["services"] if c not in categories]
    if unknown:
        problems.append(Problem("services", "unknown_category", ", ".join(unknown)))
    return problems + date_problems, warnings


def check_answer(session: Session, intent: str, data: dict[str, Any], rules: EditorRules
                 ) -> tuple[list[Problem], list[Problem], AnswerEntry | None]:
    """Field problems, warnings and the parsed entry (None when there are problems)."""
    services = content_entries.list_services(session=session)
    problems, warnings = _answer_problems(data, services, rules)
    if problems:
        return problems, warnings, None
    # The rules of `content check` themselves, on this entry against the live directory.
    try:
        entry = answer_from_data(intent, data, set(rules.known_intents))
        check_phone_sources([entry], services)
        report = check_dates([entry], [], rules.today)
        if report.errors:
            raise ContentError("; ".join(report.errors))
    except ContentError as exc:
        return [Problem("", "rules", str(exc))], warnings, None
    return [], warnings, entry


def _service_problems(data: dict[str, Any], answers: list[AnswerEntry],
                      others: list[ServiceRecord], rules: EditorRules
                      ) -> tuple[list[Problem], list[Problem]]:
    deployment = bool(data.get("deployment"))
    problems: list[Problem] = []
    if not data["name"]:
        problems.append(Problem("name", "name_missing"))
    if not deployment and not data["helps_with"]:
        problems.append(Problem("helps_with", "helps_missing"))
    if not deployment and not data["municipalities"]:
        problems.append(Problem("municipalities", "municipalities_missing"))
    bad = [m for m in data["municipalities"] if m not in (*MUNICIPALITIES, ANY_MUNICIPALITY)]
    if bad:
        problems.append(Problem("municipalities", "unknown_municipality", ", ".join(bad)))
    if not data["categories"]:
        problems.append(Problem("categories", "categories_missing"))
    bad = [c for c in data["categories"] if not CATEGORY_SHAPE.match(c)]
    if bad:
        problems.append(Problem("categories", "category_invalid", ", ".join(bad)))
    for field in ("url", "source"):
        value = data.get(field)
        if value is not None and not URL_PATTERN.match(value) and (value or not deployment):
            problems.append(Problem(field, "bad_link" if value else f"{field}_missing", value))
    phone = data.get("phone")
    if phone and not (PHONE_SHAPE.match(phone) and 3 <= len(_digits(phone)) <= 15):
        problems.append(Problem("phone", "phone_invalid", phone))
    # Every phone an answer gives must stay a phone of the directory.
    phones = {_digits(s.phone) for s in others if s.phone} | ({_digits(phone)} if phone else set())
    cited = sorted({a.intent for a in answers for body in (a.text, *a.variants.values())
                    for m in PHONE_IN_TEXT.finditer(body) if _digits(m.group(0)) not in phones})
    if cited:
        problems.append(Problem("phone", "phone_in_use", ", ".join(cited)))
    date_problems, warnings = _check_date(data["checked"], rules)
    return problems + date_problems, warnings


def check_service(session: Session, data: dict[str, Any], rules: EditorRules
                  ) -> tuple[list[Problem], list[Problem], ServiceRecord | None]:
    """Field problems, warnings and the parsed entry (None when there are problems)."""
    answers = content_entries.list_answers(session=session)
    others = [s for s in content_entries.list_services(session=session) if s.key != data["key"]]
    problems, warnings = _service_problems(data, answers, others, rules)
    if problems:
        return problems, warnings, None
    try:
        record = service_from_data(data)
        check_phone_sources(answers, [*others, record])
        report = check_dates([], [record], rules.today)
        if report.errors:
            raise ContentError("; ".join(report.errors))
    except ContentError as exc:
        return [Problem("", "rules", str(exc))], warnings, None
    return [], warnings, record


@dataclass(frozen=True)
class _Kind:
    """How one kind of entry is read, checked and written."""

    name: str
    get: Callable[[Session, str], Any]
    data: Callable[[Any], dict[str, Any]]
    check: Callable[[Session, str, dict[str, Any], EditorRules],
                    tuple[list[Problem], list[Problem], Any]]
    put: Callable[[Session, Any], Any]


ANSWERS = _Kind(
    ANSWER,
    lambda s, key: content_entries.get_answer(session=s, intent=key),
    answer_data,
    check_answer,
    lambda s, entry: content_entries.put_answer(session=s, entry=entry),
)
SERVICES = _Kind(
    SERVICE,
    lambda s, key: content_entries.get_service(session=s, key=key),
    service_data,
    lambda s, _key, data, rules: check_service(s, data, rules),
    lambda s, record: content_entries.put_service(session=s, record=record),
)


def _write(session: Session, kind: _Kind, key: str, data: dict[str, Any], *, author: str,
           rules: EditorRules, base_version: int | None, restored_from: int | None
           ) -> SaveOutcome:
    live = kind.get(session, key)
    if live is None:
        return SaveOutcome(False, (Problem("", "unknown"),))
    newest = content_versions.latest(session=session, kind=kind.name, key=key)
    if base_version is not None and base_version != (newest.number if newest else 0):
        return SaveOutcome(False, (Problem("", "stale"),))
    problems, warnings, parsed = kind.check(session, key, data, rules)
    if problems:
        return SaveOutcome(False, tuple(problems), tuple(warnings))
    if kind.data(parsed) == kind.data(live):
        return SaveOutcome(False, warnings=tuple(warnings), unchanged=True)
    if newest is None:  # a database loaded before versions existed: keep what was live
        content_versions.create(session=session, kind=kind.name, key=key, data=kind.data(live),
                                origin=content_versions.FROM_FILE)
    kind.put(session, parsed)
    origin = content_versions.ROLLBACK if restored_from else content_versions.EDITOR
    version = content_versions.create(session=session, kind=kind.name, key=key,
                                      data=kind.data(parsed), origin=origin, author=author,
                                      restored_from=restored_from)
    action = f"{kind.name}_{'restored' if restored_from else 'saved'}"
    detail = f"versio {version.number}" + (f" (versiosta {restored_from})" if restored_from else "")
    staff_log.create(session=session, actor=author, action=action, target=key, detail=detail)
    return SaveOutcome(True, warnings=tuple(warnings), number=version.number)


def _guarded(db: Database, kind: _Kind, key: str, data: dict[str, Any], **options: Any
             ) -> SaveOutcome:
    """One transaction; two saves racing for the same version number: the second is stale."""
    try:
        with db.session() as session:
            return _write(session, kind, key, data, **options)
    except IntegrityError:
        return SaveOutcome(False, (Problem("", "stale"),))


def save_answer(db: Database, *, intent: str, data: dict[str, Any], author: str,
                rules: EditorRules, base_version: int | None = None) -> SaveOutcome:
    """Check and save an answer as a new version (refused when another save came between)."""
    return _guarded(db, ANSWERS, intent, data, author=author, rules=rules,
                    base_version=base_version, restored_from=None)


def save_service(db: Database, *, key: str, data: dict[str, Any], author: str,
                 rules: EditorRules, base_version: int | None = None) -> SaveOutcome:
    """Check and save a service entry as a new version."""
    return _guarded(db, SERVICES, key, data, author=author, rules=rules,
                    base_version=base_version, restored_from=None)


def _restore(db: Database, kind: _Kind, key: str, number: int, author: str,
             rules: EditorRules) -> SaveOutcome:
    version = content_versions.get(db=db, kind=kind.name, key=key, number=number)
    if version is None:
        return SaveOutcome(False, (Problem("", "no_version"),))
    return _guarded(db, kind, key, dict(version.data), author=author, rules=rules,
                    base_version=None, restored_from=number)


def restore_answer(db: Database, *, intent: str, number: int, author: str,
                   rules: EditorRules) -> SaveOutcome:
    """Make an earlier version live again (itself a new version, checked like a save)."""
    return _restore(db, ANSWERS, intent, number, author, rules)


def restore_service(db: Database, *, key: str, number: int, author: str,
                    rules: EditorRules) -> SaveOutcome:
    """Make an earlier version of a service live again."""
    return _restore(db, SERVICES, key, number, author, rules)


@dataclass(frozen=True)
class EditState:
    """An entry as the edit page shows it: its data and the version it is based on."""

    data: dict[str, Any]
    version: int
    last: VersionRecord | None


def answer_state(db: Database, intent: str) -> EditState | None:
    """The live answer as file data with its newest version number, or None."""
    with db.session() as session:
        entry = content_entries.get_answer(session=session, intent=intent)
        newest = content_versions.latest(session=session, kind=ANSWER, key=intent)
    if entry is None:
        return None
    return EditState(answer_data(entry), newest.number if newest else 0, newest)


def service_state(db: Database, key: str) -> EditState | None:
    """The live service as file data with its newest version number, or None."""
    with db.session() as session:
        record = content_entries.get_service(session=session, key=key)
        newest = content_versions.latest(session=session, kind=SERVICE, key=key)
    if record is None:
        return None
    return EditState(service_data(record), newest.number if newest else 0, newest)


@dataclass(frozen=True)
class HistoryEntry:
    """One version with what changed from the version before it."""

    version: VersionRecord
    changes: tuple[FieldChange, ...]
    current: bool


def history(db: Database, *, kind: str, key: str, limit: int = 50) -> list[HistoryEntry]:
    """The newest versions first, each with its difference to the one before."""
    versions = content_versions.list(db=db, kind=kind, key=key)[: limit + 1]
    entries = []
    for index, version in enumerate(versions[:limit]):
        older = versions[index + 1].data if index + 1 < len(versions) else None
        changes = tuple(diff(kind, older, version.data)) if older is not None else ()
        entries.append(HistoryEntry(version, changes, index == 0))
    return entries
