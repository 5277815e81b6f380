"""Reads and checks the reviewable content files (answers.yml, services.yml)."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.municipalities import ANY_MUNICIPALITY, MUNICIPALITIES
from bot.paths import CONTENT_DIR
from bot.store.records import DEPLOYMENT_SOURCE, ServiceRecord, TopicAnswerRecord
from bot.yaml_files import read_yaml

URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
PHONE_IN_TEXT = re.compile(r"(?<![\d/])(?:\+358|0)\d(?:[ -]?\d){4,}")


class ContentError(ValueError):
    """A content file breaks a rule; the message names the entry."""


@dataclass(frozen=True)
class AnswerEntry:
    """One topic answer as written in answers.yml: the general text and municipal variants."""

    intent: str
    text: str
    sources: tuple[str, ...]
    checked: date
    next_steps: tuple[str, ...] = ()
    service_categories: tuple[str, ...] = ()
    needs_municipality: bool = False
    offers_contact: bool = False
    variants: dict[str, str] = field(default_factory=dict)

    def records(self) -> list[TopicAnswerRecord]:
        """The stored shape: the general answer ("" municipality) and one per variant."""
        texts = {ANY_MUNICIPALITY: self.text, **self.variants}
        return [
            TopicAnswerRecord(
                intent=self.intent,
                municipality=municipality,
                text=text,
                sources=self.sources,
                checked=self.checked,
                next_steps=self.next_steps,
                service_categories=self.service_categories,
                needs_municipality=self.needs_municipality,
                offers_contact=self.offers_contact,
            )
            for municipality, text in texts.items()
        ]


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ContentError(f"{where}: checked must be a date (YYYY-MM-DD), got {value!r}") from exc


def _require_url(value: str, where: str) -> None:
    if not URL_PATTERN.match(value):
        raise ContentError(f"{where}: not a well-formed http(s) link: {value!r}")


def _phones(text: str) -> list[str]:
    return [m.group(0) for m in PHONE_IN_TEXT.finditer(text)]


def parse_answers(raw: dict[str, Any], known_intents: set[str] | None = None) -> list[AnswerEntry]:
    """Validate answers.yml: text, sources, check date, links, phones only with a source."""
    entries = []
    for intent, item in (raw.get("answers") or {}).items():
        where = f"answers.yml/{intent}"
        text = " ".join(str(item.get("text", "")).split())
        if not text:
            raise ContentError(f"{where}: empty text")
        sources = tuple(str(s) for s in item.get("sources") or [])
        if not sources:
            raise ContentError(f"{where}: no sources")
        for url in sources:
            _require_url(url, where)
        raw_variants = item.get("variants") or {}
        variants = {str(k): " ".join(str(v).split()) for k, v in raw_variants.items()}
        for name in variants:
            if name not in MUNICIPALITIES:
                raise ContentError(f"{where}: unknown municipality in variants: {name!r}")
        for body in (text, *variants.values()):
            for url in re.findall(r"https?://\S+", body):
                _require_url(url.rstrip(".,)"), where)
        next_steps = tuple(str(s) for s in item.get("next_steps") or [])
        if known_intents is not None:
            unknown = [s for s in next_steps if s not in known_intents]
            if unknown:
                raise ContentError(f"{where}: next_steps name unknown intents {unknown}")
        entries.append(
            AnswerEntry(
                intent=str(intent),
                text=text,
                sources=sources,
                checked=_as_date(item.get("checked"), where),
                next_steps=next_steps,
                service_categories=tuple(str(c) for c in item.get("services") or []),
                needs_municipality=bool(item.get("needs_municipality", False)),
                offers_contact=bool(item.get("offers_contact", False)),
                variants=variants,
            )
        )
    return entries


def _service_entry(item: dict[str, Any], key: str, where: str) -> ServiceRecord:
    """One entry; `deployment: true` details come from the county and need no web source."""
    deployment = bool(item.get("deployment", False))
    required = ("name",) if deployment else ("name", "helps_with", "url", "source")
    for name in required:
        if not str(item.get(name) or "").strip():
            raise ContentError(f"{where}: {name} is required")
    municipalities = tuple(str(m) for m in item.get("municipalities") or [])
    bad = [m for m in municipalities if m not in (*MUNICIPALITIES, ANY_MUNICIPALITY)]
    if bad or not (municipalities or deployment):
        allowed = (*MUNICIPALITIES, ANY_MUNICIPALITY)
        raise ContentError(f"{where}: municipalities must be among {allowed}")
    url = str(item.get("url") or "")
    if url or not deployment:
        _require_url(url, where)
    phone = str(item["phone"]) if item.get("phone") else None
    source = str(item.get("source") or DEPLOYMENT_SOURCE)
    if phone and not deployment and not URL_PATTERN.match(source):
        raise ContentError(f"{where}: a phone number needs a web source")
    return ServiceRecord(
        key=key,
        name=str(item["name"]).strip(),
        helps_with=" ".join(str(item.get("helps_with") or "").split()),
        municipalities=municipalities,
        categories=tuple(str(c) for c in item.get("categories") or []),
        url=url,
        source=source,
        checked=_as_date(item.get("checked"), where),
        verified=bool(item.get("verified", deployment)),
        phone=phone,
        hours=str(item["hours"]) if item.get("hours") else None,
        deployment=deployment,
    )


def parse_services(raw: dict[str, Any]) -> list[ServiceRecord]:
    """Validate services.yml: municipalities, links, phones only with a source, check date."""
    entries, seen = [], set()
    for item in raw.get("services") or []:
        key = str(item.get("key", ""))
        where = f"services.yml/{key or '?'}"
        if not key or key in seen:
            raise ContentError(f"{where}: missing or duplicate key")
        seen.add(key)
        entries.append(_service_entry(item, key, where))
    return entries


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def check_phone_sources(answers: list[AnswerEntry], services: list[ServiceRecord]) -> None:
    """Every phone number in an answer must be a sourced phone of the service directory."""
    sourced = {_digits(s.phone) for s in services if s.phone}
    for answer in answers:
        for body in (answer.text, *answer.variants.values()):
            unknown = [p for p in _phones(body) if _digits(p) not in sourced]
            if unknown:
                raise ContentError(
                    f"answers.yml/{answer.intent}: phone {unknown} is not a sourced phone "
                    "of services.yml"
                )


def load_answers(
    path: Path | None = None, known_intents: set[str] | None = None
) -> list[AnswerEntry]:
    """Parse answers.yml (default location under data/content/)."""
    path = path or CONTENT_DIR / "answers.yml"
    return parse_answers(read_yaml(path), known_intents)


def load_services(path: Path | None = None) -> list[ServiceRecord]:
    """Parse services.yml (default location under data/content/)."""
    path = path or CONTENT_DIR / "services.yml"
    return parse_services(read_yaml(path))


WARN_AFTER_MONTHS = 6
FAIL_AFTER_MONTHS = 12


@dataclass(frozen=True)
class SourceCheck:
    """One source link, the oldest date it was checked and the entries that cite it."""

    url: str
    checked: date
    used_by: tuple[str, ...]


@dataclass(frozen=True)
class DateReport:
    """Entries whose check date is getting old (warnings) or too old or in the future (errors)."""

    warnings: tuple[str, ...]
    errors: tuple[str, ...]


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def _dated_entries(
    answers: list[AnswerEntry], services: list[ServiceRecord]
) -> Iterator[tuple[str, date, tuple[str, ...]]]:
    yield from ((f"answers.yml/{a.intent}", a.checked, a.sources) for a in answers)
    for service in services:
        if service.is_set:
            sources = (service.source,) if URL_PATTERN.match(service.source) else ()
            yield f"services.yml/{service.key}", service.checked, sources


def check_dates(
    answers: list[AnswerEntry], services: list[ServiceRecord], today: date
) -> DateReport:
    """Warn past 6 months since the check date, fail past 12 months or for a future date."""
    warn_before = months_before(today, WARN_AFTER_MONTHS)
    fail_before = months_before(today, FAIL_AFTER_MONTHS)
    warnings, errors = [], []
    for where, checked, _sources in _dated_entries(answers, services):
        if checked > today:
            errors.append(f"{where}: checked {checked} is in the future")
        elif checked < fail_before:
            errors.append(f"{where}: checked {checked}, over {FAIL_AFTER_MONTHS} months ago")
        elif checked < warn_before:
            warnings.append(f"{where}: checked {checked}, over {WARN_AFTER_MONTHS} months ago")
    return DateReport(tuple(warnings), tuple(errors))


def source_list(answers: list[AnswerEntry], services: list[ServiceRecord]) -> list[SourceCheck]:
    """Every web source once, with its oldest check date, oldest first (for a review sitting)."""
    oldest: dict[str, date] = {}
    users: dict[str, list[str]] = {}
    for where, checked, sources in _dated_entries(answers, services):
        for url in sources:
            oldest[url] = min(checked, oldest.get(url, checked))
            users.setdefault(url, []).append(where)
    return sorted(
        (SourceCheck(url, oldest[url], tuple(users[url])) for url in oldest),
        key=lambda s: (s.checked, s.url),
    )
