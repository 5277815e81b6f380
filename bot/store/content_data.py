"""Topic answers and services as the dicts of the YAML files (versions, editor, export)."""

from __future__ import annotations

from typing import Any

from bot.store.content_files import AnswerEntry, parse_answers, parse_services
from bot.store.records import DEPLOYMENT_SOURCE, ServiceRecord

ANSWER = "answer"
SERVICE = "service"


def answer_data(entry: AnswerEntry) -> dict[str, Any]:
    """An answer as its answers.yml item (keys in the file's order, false flags left out)."""
    data: dict[str, Any] = {"text": entry.text}
    if entry.variants:
        data["variants"] = dict(entry.variants)
    data["sources"] = list(entry.sources)
    data["checked"] = entry.checked.isoformat()
    data["next_steps"] = list(entry.next_steps)
    data["services"] = list(entry.service_categories)
    if entry.needs_municipality:
        data["needs_municipality"] = True
    if entry.offers_contact:
        data["offers_contact"] = True
    return data


def answer_from_data(
    intent: str, data: dict[str, Any], known_intents: set[str] | None = None
) -> AnswerEntry:
    """Parse one answers.yml item with the rules of `content check` (raises ContentError)."""
    return parse_answers({"answers": {intent: data}}, known_intents)[0]


def service_data(record: ServiceRecord) -> dict[str, Any]:
    """A service as its services.yml item (keys in the file's order)."""
    data: dict[str, Any] = {"key": record.key, "name": record.name}
    if record.deployment:
        data["deployment"] = True
    data["municipalities"] = list(record.municipalities)
    data["categories"] = list(record.categories)
    data["helps_with"] = record.helps_with
    if record.url or not record.deployment:
        data["url"] = record.url
    if record.phone:
        data["phone"] = record.phone
    if record.hours:
        data["hours"] = record.hours
    if not record.deployment:
        data["source"] = record.source
    data["checked"] = record.checked.isoformat()
    if not (record.deployment and record.verified):
        data["verified"] = record.verified
    return data


def service_from_data(data: dict[str, Any]) -> ServiceRecord:
    """Parse one services.yml item with the rules of `content check` (raises ContentError)."""
    return parse_services({"services": [data]})[0]


def is_deployment(record: ServiceRecord) -> bool:
    """True for an entry the county sets itself (no web source needed)."""
    return record.deployment or record.source == DEPLOYMENT_SOURCE
