"""Reads the Rasa domain, split by area into domain/*.yml, as one merged mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.paths import DOMAIN_DIR
from bot.yaml_files import read_yaml


def load_domain(path: Path = DOMAIN_DIR) -> dict[str, Any]:
    """One domain file, or every *.yml in a folder merged as Rasa merges them."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    merged: dict[str, Any] = {}
    for file in files:
        part = read_yaml(file) or {}
        for key, value in part.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
    return merged
