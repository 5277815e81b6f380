"""Jinja2 templates of the web app (autoescaped), shared by every HTML route."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES_DIR = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One template environment per process; every .html template is autoescaped."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )


def render(name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
           ) -> HTMLResponse:
    """Render a template into an HTML response."""
    html = environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)
