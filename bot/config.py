"""One typed settings object for the web app, the action server and the CLI (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.paths import CONTENT_DIR, PROJECT_ROOT, VAR_DIR

# Values that mean "nobody set this": refused for secrets outside development.
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "salasana", "xxx", "todo"})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Runtime configuration read from environment variables (names in upper case)."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_file=None)

    environment: Literal["development", "production"] = Field(
        default="development", validation_alias="ASUMISBOTTI_ENV"
    )
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    rasa_token: str = ""
    rasa_timeout_s: float = 15.0
    database_url: str = ""
    max_message_chars: int = Field(default=1000, ge=1, le=100_000)
    max_body_bytes: int = 16_384
    rate_limit_per_minute: int = 30
    session_secret: str = ""
    domain_path: Path = PROJECT_ROOT / "domain.yml"
    web_content_path: Path = CONTENT_DIR / "web.yml"

    @field_validator("rasa_url", "actions_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _secrets_are_set_outside_development(self) -> Settings:
        if self.environment != "development":
            secret = self.session_secret.strip()
            if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
                raise ValueError(
                    f"SESSION_SECRET must be a random value of at least {MIN_SECRET_LENGTH} "
                    "characters outside development (e.g. `python -c 'import secrets; "
                    "print(secrets.token_urlsafe(48))'`)"
                )
        return self

    @classmethod
    def from_env(cls) -> Settings:
        """Read settings from the environment, falling back to the defaults."""
        return cls()

    def resolved_database_url(self) -> str:
        """DATABASE_URL, or the SQLite file under var/ (its folder is created on demand)."""
        if self.database_url.strip():
            return self.database_url.strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR_DIR / 'asumisbotti.db'}"
