"""Reads and checks the reviewable content files (answers.yml, services.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.config import CONTENT_DIR
from bot.municipalities import MUNICIPALITIES

EVERYWHERE = "kaikki"
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
PHONE_IN_TEXT = re.compile(r"(?<![\d/])(?:\+358|0)\d(?:[ -]?\d){4,}")


class ContentError(ValueError):
    """A content file breaks a rule; the message names the entry."""


@dataclass(frozen=True)
class AnswerEntry:
    """One topic answer as written in answers.yml."""

    intent: str
    text: str
    sources: tuple[str, ...]
    checked: date
    next_steps: tuple[str, ...] = ()
    service_categories: tuple[str, ...] = ()
    needs_municipality: bool = False
    offers_contact: bool = False
    variants: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceEntry:
    """One service-directory entry as written in services.yml."""

    key: str
    name: str
    helps_with: str
    municipalities: tuple[str, ...]
    categories: tuple[str, ...]
    url: str
    source: str
    checked: date
    verified: bool
    phone: str | None = None
    hours: str | None = None


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


def parse_services(raw: dict[str, Any]) -> list[ServiceEntry]:
    """Validate services.yml: municipalities, links, phones only with a source, check date."""
    entries, seen = [], set()
    for item in raw.get("services") or []:
        key = str(item.get("key", ""))
        where = f"services.yml/{key or '?'}"
        if not key or key in seen:
            raise ContentError(f"{where}: missing or duplicate key")
        seen.add(key)
        for name in ("name", "helps_with", "url", "source"):
            if not str(item.get(name) or "").strip():
                raise ContentError(f"{where}: {name} is required")
        municipalities = tuple(str(m) for m in item.get("municipalities") or [])
        bad = [m for m in municipalities if m not in (*MUNICIPALITIES, EVERYWHERE)]
        if not municipalities or bad:
            raise ContentError(f"{where}: municipalities must be among {MUNICIPALITIES} or kaikki")
        _require_url(str(item["url"]), where)
        phone = str(item["phone"]) if item.get("phone") else None
        source = str(item["source"])
        if phone and not URL_PATTERN.match(source):
            raise ContentError(f"{where}: a phone number needs a web source")
        entries.append(
            ServiceEntry(
                key=key,
                name=str(item["name"]).strip(),
                helps_with=" ".join(str(item["helps_with"]).split()),
                municipalities=municipalities,
                categories=tuple(str(c) for c in item.get("categories") or []),
                url=str(item["url"]),
                source=source,
                checked=_as_date(item.get("checked"), where),
                verified=bool(item.get("verified", False)),
                phone=phone,
                hours=str(item["hours"]) if item.get("hours") else None,
            )
        )
    return entries


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def check_phone_sources(answers: list[AnswerEntry], services: list[ServiceEntry]) -> None:
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


def load_answers(path: Path | None = None, known_intents: set[str] | None = None):
    """Parse answers.yml (default location under data/content/)."""
    path = path or CONTENT_DIR / "answers.yml"
    return parse_answers(yaml.safe_load(path.read_text(encoding="utf-8")), known_intents)


def load_services(path: Path | None = None) -> list[ServiceEntry]:
    """Parse services.yml (default location under data/content/)."""
    path = path or CONTENT_DIR / "services.yml"
    return parse_services(yaml.safe_load(path.read_text(encoding="utf-8")))
