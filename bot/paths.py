"""Where the project's files are; importable from both environments (no third-party imports)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "data" / "content"  # reviewable seed of answers, services, texts
VAR_DIR = PROJECT_ROOT / "var"  # databases and other runtime files (gitignored)
DOMAIN_DIR = PROJECT_ROOT / "domain"  # the Rasa domain, one file per area
