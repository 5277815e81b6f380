"""YAML through libyaml's C parser when it is there: the pure-Python parser made up most of
the web app's start (domain, texts, lexicon), and a start happens per worker and per test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load`, faster; raises yaml.YAMLError on bad input like it."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


def read_yaml(path: Path) -> Any:
    """The parsed content of a UTF-8 YAML file."""
    return parse_yaml(path.read_text(encoding="utf-8"))
