"""Typed settings read from the environment (see .env.example)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "data" / "content"  # reviewable seed of answers, services, texts


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the web app; one instance per process."""

    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    rasa_token: str = ""
    rasa_timeout_s: float = 15.0
    database_url: str = ""
    max_message_chars: int = 1000
    max_body_bytes: int = 16_384
    rate_limit_per_minute: int = 30
    domain_path: Path = field(default_factory=lambda: PROJECT_ROOT / "domain.yml")
    web_content_path: Path = field(
        default_factory=lambda: PROJECT_ROOT / "data" / "content" / "web.yml"
    )

    @classmethod
    def from_env(cls) -> Settings:
        """Read settings from environment variables, falling back to the defaults."""
        defaults = cls()
        return cls(
            rasa_url=os.environ.get("RASA_URL", defaults.rasa_url).rstrip("/"),
            actions_url=os.environ.get("ACTIONS_URL", defaults.actions_url).rstrip("/"),
            rasa_token=os.environ.get("RASA_TOKEN", ""),
            database_url=os.environ.get("DATABASE_URL", ""),
            rasa_timeout_s=float(os.environ.get("RASA_TIMEOUT_S", defaults.rasa_timeout_s)),
            max_message_chars=int(os.environ.get("MAX_MESSAGE_CHARS", defaults.max_message_chars)),
            rate_limit_per_minute=int(
                os.environ.get("RATE_LIMIT_PER_MINUTE", defaults.rate_limit_per_minute)
            ),
            domain_path=_env_path("DOMAIN_PATH", defaults.domain_path),
            web_content_path=_env_path("WEB_CONTENT_PATH", defaults.web_content_path),
        )
