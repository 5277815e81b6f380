"""Settings: read from the environment, secrets refused outside development."""

import pytest
from pydantic import ValidationError

from bot.config import MIN_SECRET_LENGTH, Settings


def test_values_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_URL", "http://rasa.internal:5005/")
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "500")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@db/x")
    settings = Settings.from_env()
    assert settings.rasa_url == "http://rasa.internal:5005"
    assert settings.max_message_chars == 500
    assert settings.resolved_database_url() == "postgresql+psycopg://u@db/x"


def test_empty_database_url_means_the_sqlite_file_under_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = Settings.from_env().resolved_database_url()
    assert url.startswith("sqlite:///") and url.endswith("var/asumisbotti.db")


def test_development_runs_without_a_session_secret(monkeypatch):
    monkeypatch.delenv("SESSION_SECRET", raising=False)
    monkeypatch.setenv("ASUMISBOTTI_ENV", "development")
    assert Settings.from_env().session_secret == ""


@pytest.mark.parametrize("secret", ["", "changeme", "secret", "x" * (MIN_SECRET_LENGTH - 1)])
def test_production_refuses_empty_placeholder_or_short_secret(monkeypatch, secret):
    monkeypatch.setenv("ASUMISBOTTI_ENV", "production")
    monkeypatch.setenv("SESSION_SECRET", secret)
    with pytest.raises(ValidationError, match="SESSION_SECRET"):
        Settings.from_env()


def test_production_accepts_a_random_secret(monkeypatch):
    monkeypatch.setenv("ASUMISBOTTI_ENV", "production")
    monkeypatch.setenv("SESSION_SECRET", "k" * MIN_SECRET_LENGTH)
    assert Settings.from_env().environment == "production"


def test_message_limit_must_be_positive():
    with pytest.raises(ValidationError):
        Settings(max_message_chars=0)
