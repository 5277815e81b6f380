"""Shared test helpers: the Rasa environment and the trained model, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

RASA_BIN = PROJECT_ROOT / os.environ.get("RASA_VENV", ".venv-rasa") / "bin"
MODELS_DIR = PROJECT_ROOT / os.environ.get("MODELS_DIR", "models")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """Newest model; `make test` sets ASUMISBOTTI_REQUIRE_MODEL=1 so a missing one fails."""
    archives = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if archives and (RASA_BIN / "asumisbotti").exists():
        return archives[-1]
    if os.environ.get("ASUMISBOTTI_REQUIRE_MODEL") == "1":
        pytest.fail("no trained model or Rasa environment: run `make train`")
    pytest.skip("no trained model (run `make train`, or `make test` which trains first)")
