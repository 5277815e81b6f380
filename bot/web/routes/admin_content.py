"""Shared parts of the content editor pages: form parsing and page rendering helpers."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse

from bot.municipalities import MUNICIPALITIES
from bot.services.content_editor import Problem, SaveOutcome, editor_rules
from bot.web.routes.deps import NO_STORE, StaffState

MAX_FIELD = 5000  # characters kept from one form field


async def form_fields(request: Request) -> dict[str, Any]:
    """The submitted form as plain strings and lists (every value cut to MAX_FIELD)."""
    form = await request.form()
    fields: dict[str, Any] = {}
    for name in set(form.keys()):
        values = [str(v)[:MAX_FIELD] for v in form.getlist(name)]
        fields[name] = values if len(values) > 1 else values[0]
    return fields


def as_list(value: Any) -> list[str]:
    """A form value that may be missing, one string or several."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def as_text(value: Any) -> str:
    """A single form value (the first when repeated)."""
    values = as_list(value)
    return values[0] if values else ""


def as_int(value: Any) -> int | None:
    """An integer form value, or None."""
    try:
        return int(as_text(value))
    except ValueError:
        return None


def by_field(problems: tuple[Problem, ...] | list[Problem]) -> dict[str, list[Problem]]:
    """Problems grouped by the form field they belong to."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.field, []).append(problem)
    return grouped


def rules(staff: StaffState):  # noqa: ANN201 - EditorRules
    """The editor rules for a save now."""
    return editor_rules(staff.settings.domain_path)


def back_to(path: str, **query: int | str) -> RedirectResponse:
    """303 to the edit page, with what was done in the query."""
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    return RedirectResponse(f"{path}?{suffix}" if suffix else path, status_code=303,
                            headers=NO_STORE)


def done_redirect(outcome: SaveOutcome, path: str, restored_from: int | None = None
                  ) -> RedirectResponse | None:
    """Back to the edit page after a save or a rollback that went through; None on problems."""
    if outcome.saved:
        if restored_from is None:
            return back_to(path, tallennettu=outcome.number or 0)
        return back_to(path, palautettu=outcome.number or 0, versiosta=restored_from)
    if outcome.unchanged:
        return back_to(path, ennallaan=1)
    return None


def variant_fields() -> list[tuple[str, str]]:
    """(municipality, form field name) of the municipal text fields."""
    return [(m, f"variant-{m}") for m in MUNICIPALITIES]
