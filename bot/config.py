"""One typed settings object for the web app, the action server and the CLI (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.paths import CONTENT_DIR, DOMAIN_DIR, VAR_DIR

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
    domain_path: Path = DOMAIN_DIR
    web_content_path: Path = CONTENT_DIR / "web.yml"
    # Staff side (issue 12): sessions, login protection, notifications, retention.
    staff_content_path: Path = CONTENT_DIR / "staff.yml"
    secure_cookies: bool = False
    staff_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    login_attempts_per_minute: int = Field(default=10, ge=1)
    min_password_length: int = Field(default=12, ge=8, le=128)
    public_base_url: str = "http://localhost:8000"
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_timeout_s: float = 10.0
    smtp_from: str = "asumisbotti@localhost"
    team_email: str = ""
    team_emails: dict[str, str] = Field(default_factory=dict)
    notify_interval_s: float = Field(default=30.0, gt=0)
    handled_retention_days: int = Field(default=30, ge=0)
    # Unanswered messages (the admins' inbox) are deleted this many days after arrival.
    unanswered_retention_days: int = Field(default=90, ge=1)
    purge_interval_hours: float = Field(default=24.0, gt=0)
    # Anonymous statistics events (issue 13) are purged after this many days (about 3 years).
    stats_retention_days: int = Field(default=1096, ge=1)
    # Runtime (issue 14): Rasa's tracker and lock stores, worker counts, tracker retention.
    tracker_db_url: str = ""
    redis_url: str = ""
    rasa_workers: int = Field(default=1, ge=1, le=64)
    web_workers: int = Field(default=1, ge=1, le=64)
    action_workers: int = Field(
        default=1, ge=1, le=64, validation_alias="ACTION_SERVER_SANIC_WORKERS"
    )
    tracker_retention_hours: float = Field(default=24.0, gt=0)

    @field_validator("rasa_url", "actions_url", "public_base_url")
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

    def team_address(self, municipality: str) -> str:
        """The outreach team's e-mail for a municipality, else the default (may be empty)."""
        return self.team_emails.get(municipality, "") or self.team_email

    @classmethod
    def from_env(cls) -> Settings:
        """Read settings from the environment, falling back to the defaults."""
        return cls()

    def resolved_tracker_db_url(self) -> str:
        """TRACKER_DB_URL, or the SQLite file var/trackers.db (its folder is created on demand)."""
        if self.tracker_db_url.strip():
            return self.tracker_db_url.strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR_DIR / 'trackers.db'}"

    def shared_rate_limit(self) -> bool:
        """True when the web app's rate limit must live in Redis (several workers or REDIS_URL)."""
        return bool(self.redis_url.strip()) or self.web_workers > 1

    def resolved_database_url(self) -> str:
        """DATABASE_URL, or the SQLite file under var/ (its folder is created on demand)."""
        if self.database_url.strip():
            return self.database_url.strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR_DIR / 'asumisbotti.db'}"
