"""Reads user-facing texts: domain responses and the web app's own messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.domain_files import load_domain
from bot.yaml_files import read_yaml


def button_dicts(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """(title, payload) pairs as the dicts Rasa's dispatcher and `/api/chat` both use."""
    return [{"title": title, "payload": payload} for title, payload in pairs]


def domain_default(intent: str) -> str:
    """The domain response with a topic's short default answer (used when the store fails)."""
    return f"utter_{intent}"


@dataclass(frozen=True)
class Reply:
    """One bot message as the widget shows it."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `/api/chat` messages."""
        return {
            "text": self.text,
            "buttons": button_dicts(self.buttons),
        }


def _reply_from_response(response: dict[str, Any]) -> Reply:
    buttons = tuple((str(b["title"]), str(b["payload"])) for b in response.get("buttons") or [])
    return Reply(text=str(response.get("text", "")).strip(), buttons=buttons)


def load_domain_response(domain_path: Path, name: str) -> Reply:
    """First variation of a domain response, so the web app and Rasa say the same thing."""
    domain = load_domain(domain_path)
    variations = (domain.get("responses") or {}).get(name)
    if not variations:
        raise KeyError(f"response {name!r} missing from {domain_path}")
    return _reply_from_response(variations[0])


def load_topic_defaults(domain_path: Path, intents: list[str]) -> dict[str, Reply]:
    """The domain's short default answer per topic intent (`utter_<intent>`), where one exists."""
    domain = load_domain(domain_path)
    responses = domain.get("responses") or {}
    return {
        intent: _reply_from_response(responses[domain_default(intent)][0])
        for intent in intents
        if responses.get(domain_default(intent))
    }


def _with_limit(text: str, max_chars: int) -> str:
    return " ".join(str(text).split()).replace("{max_chars}", str(max_chars))


@dataclass(frozen=True)
class WebTexts:
    """Finnish messages of the web app: errors, degraded mode, an empty answer, the chat page."""

    errors: dict[str, str]
    degraded: str
    no_reply: str
    summary: dict[str, str]
    privacy_note: str = ""
    script: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: Path, max_chars: int = 1000,
                  retention_hours: float = 24) -> WebTexts:
        """Load `data/content/web.yml`, with the message limit and retention filled in."""
        data = read_yaml(path)
        page = data.get("chat_page") or {}
        note = str(page.get("privacy_note", ""))
        note = note.replace("{retention_hours}", f"{retention_hours:g}")
        return cls(
            errors={k: _with_limit(v, max_chars) for k, v in data["errors"].items()},
            degraded=str(data["degraded"]).strip(),
            no_reply=str(data["no_reply"]).strip(),
            summary={k: " ".join(str(v).split()) for k, v in data["summary"].items()},
            privacy_note=_with_limit(note, max_chars),
            script={  # verbatim: the speaker labels end in a space
                k: str(v).replace("{max_chars}", str(max_chars))
                for k, v in (page.get("script") or {}).items()
            },
        )

    def error(self, code: str) -> str:
        """The Finnish text for an error code, or the generic one."""
        return self.errors.get(code, self.errors["internal"]).strip()
