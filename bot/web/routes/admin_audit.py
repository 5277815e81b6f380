"""`/hallinta/kartoitus`: admins edit the audit's questions, points, cut-offs and routing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.services import audit_forms, audit_history
from bot.services import audit_settings as settings
from bot.services.audit_rules import default_context
from bot.services.auth import Identity
from bot.services.topics import default_catalogue
from bot.web.routes.deps import (
    ADMIN_PATH,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_role,
    staff_page,
)

BASE = f"{ADMIN_PATH}/kartoitus"
router = APIRouter(prefix=BASE, dependencies=[Depends(require_role("admin"))])
Again = Callable[..., HTMLResponse]


def _base(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _page(name: str, staff: StaffState, identity: Identity, status: int = 200,
          **context: Any) -> HTMLResponse:
    live = settings.current(staff.database)
    texts = staff.texts["admin_audit"]
    context.setdefault("raw", live.raw)
    context.setdefault("problems", [])
    context.setdefault("info", "")
    return staff_page(f"staff/admin/{name}", staff, identity, status, a=texts, live=live,
                      version_line=_version_line(live, texts), base_path=BASE, **context)


def _version_line(live: settings.Current, texts: dict) -> str:
    if live.version is None:
        return texts["version_file"]
    return texts["version_stored"].format(version=live.version.id,
                                          author=live.version.author or texts["file_author"],
                                          time=audit_history.saved_at(live.version.created_at))


def _saved_info(staff: StaffState, version: int | None) -> str:
    return staff.texts["admin_audit"]["saved"].format(version=version) if version else ""


def _respond(staff: StaffState, outcome: settings.SaveOutcome, raw: dict, again: Again,
             done: str) -> Response:
    """Saved: back to the page with the version; otherwise the form again with the reason."""
    texts = staff.texts["admin_audit"]
    if outcome.status == settings.SAVED:
        return RedirectResponse(f"{done}?tallennettu={outcome.version}", status_code=303)
    if outcome.status == settings.UNCHANGED:
        return again(info=texts["unchanged"])
    if outcome.status == settings.CONFLICT:
        return again(409, problems=[texts["conflict"].format(version=outcome.version)])
    return again(400, problems=settings.problem_messages(outcome.problems, raw, texts))


def _save(staff: StaffState, identity: Identity, candidate: dict, problems: list, form: Any,
          part: str, again: Again, done: str) -> Response:
    if problems:
        outcome = settings.SaveOutcome(settings.INVALID, problems=problems)
    else:
        outcome = settings.save(staff.database, candidate=candidate, base=_base(form.get("base")),
                                author=identity.email, part=part, context=default_context(),
                                note=str(form.get("note", ""))[:254])
    return _respond(staff, outcome, candidate, again, done)


@router.get("", response_class=HTMLResponse)
def overview(identity: IdentityDep, staff: StaffDep, tallennettu: int | None = None
             ) -> HTMLResponse:
    """The version in use, the cut-offs form, every question and level with an edit link."""
    return _page("audit.html", staff, identity, info=_saved_info(staff, tallennettu))


@router.post("/rajat", response_class=HTMLResponse)
async def save_limits(request: Request, identity: CsrfDep, staff: StaffDep) -> Response:
    """Cut-offs, the multi-select cap and the summary retention."""
    form = await request.form()
    candidate, problems = audit_forms.apply_limits(settings.current(staff.database).raw, form)

    def again(status: int = 200, **context: Any) -> HTMLResponse:
        return _page("audit.html", staff, identity, status, raw=candidate, **context)

    return _save(staff, identity, candidate, problems, form, "limits", again, BASE)


def _question_page(staff: StaffState, identity: Identity, raw: dict, question_id: str,
                   status: int = 200, **context: Any) -> HTMLResponse:
    ids = [q["id"] for q in raw["questions"]]
    if question_id not in ids:
        return _page("audit_missing.html", staff, identity, 404)
    return _page("audit_question.html", staff, identity, status, raw=raw,
                 question=raw["questions"][ids.index(question_id)],
                 number=ids.index(question_id) + 1,
                 pro_reasons=((raw.get("professional") or {}).get("reasons") or {}).get(
                     question_id) or {},
                 field_name=audit_forms.field_name, floors=audit_forms.FLOORS, **context)


@router.get("/kysymys/{question_id}", response_class=HTMLResponse)
def question_form(question_id: str, identity: IdentityDep, staff: StaffDep,
                  tallennettu: int | None = None) -> HTMLResponse:
    """One question: both wordings and every option's values."""
    return _question_page(staff, identity, settings.current(staff.database).raw, question_id,
                          info=_saved_info(staff, tallennettu))


@router.post("/kysymys/{question_id}", response_class=HTMLResponse)
async def save_question(question_id: str, request: Request, identity: CsrfDep,
                        staff: StaffDep) -> Response:
    """Save a question as a new version when the definition still passes every check."""
    raw = settings.current(staff.database).raw
    if question_id not in [q["id"] for q in raw["questions"]]:
        return _page("audit_missing.html", staff, identity, 404)
    form = await request.form()
    candidate, problems = audit_forms.apply_question(raw, question_id, form)

    def again(status: int = 200, **context: Any) -> HTMLResponse:
        return _question_page(staff, identity, candidate, question_id, status, **context)

    return _save(staff, identity, candidate, problems, form, question_id, again,
                 f"{BASE}/kysymys/{question_id}")


def _level_page(staff: StaffState, identity: Identity, raw: dict, level: str,
                status: int = 200, **context: Any) -> HTMLResponse:
    professional = ((raw.get("professional") or {}).get("levels") or {}).get(level, "")
    titles = default_catalogue().titles
    chosen = [s for s in raw["levels"][level].get("next_steps") or [] if s in titles]
    ordered = chosen + [t for t in titles if t not in chosen]  # the buttons keep their order
    return _page("audit_level.html", staff, identity, status, raw=raw, level=level,
                 routing=raw["levels"][level], summary_professional=professional,
                 topics=[(t, titles[t]) for t in ordered],
                 categories=sorted(default_context().service_categories), **context)


@router.get("/taso/{level}", response_class=HTMLResponse)
def level_form(level: str, identity: IdentityDep, staff: StaffDep,
               tallennettu: int | None = None) -> HTMLResponse:
    """One level: title, summaries, next steps, services and the contact offer."""
    if not audit_forms.is_level(level):
        return _page("audit_missing.html", staff, identity, 404)
    return _level_page(staff, identity, settings.current(staff.database).raw, level,
                       info=_saved_info(staff, tallennettu))


@router.post("/taso/{level}", response_class=HTMLResponse)
async def save_level(level: str, request: Request, identity: CsrfDep,
                     staff: StaffDep) -> Response:
    """Save a level's routing as a new version."""
    if not audit_forms.is_level(level):
        return _page("audit_missing.html", staff, identity, 404)
    form = await request.form()
    values = {**form, "next_steps": form.getlist("next_steps"),
              "services": form.getlist("services")}
    candidate, problems = audit_forms.apply_level(settings.current(staff.database).raw, level,
                                                  values)

    def again(status: int = 200, **context: Any) -> HTMLResponse:
        return _level_page(staff, identity, candidate, level, status, **context)

    return _save(staff, identity, candidate, problems, form, f"level:{level}", again,
                 f"{BASE}/taso/{level}")


@router.get("/historia", response_class=HTMLResponse)
def history(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every version, newest first, with who saved it and why."""
    return _page("audit_history.html", staff, identity,
                 versions=audit_history.history(staff.database), saved_at=audit_history.saved_at)


def _version_page(staff: StaffState, identity: Identity, number: int, status: int = 200,
                  **context: Any) -> HTMLResponse:
    view = audit_history.version_view(staff.database, number)
    if view is None:
        return _page("audit_missing.html", staff, identity, 404)
    texts = staff.texts["admin_audit"]
    places = [audit_history.change_place(c, view.version.data, texts) for c in view.changes]
    return _page("audit_version.html", staff, identity, status, view=view,
                 rows=list(zip(places, view.changes, strict=True)),
                 saved_at=audit_history.saved_at, **context)


@router.get("/versio/{number}", response_class=HTMLResponse)
def version(number: int, identity: IdentityDep, staff: StaffDep,
            palautettu: int | None = None) -> HTMLResponse:
    """A version and what changed from the one before it (readable and as YAML)."""
    info = ""
    if palautettu:
        info = staff.texts["admin_audit"]["restored"].format(restored=palautettu, version=number)
    return _version_page(staff, identity, number, info=info)


@router.post("/versio/{number}/palauta", response_class=HTMLResponse)
def restore(number: int, identity: CsrfDep, staff: StaffDep,
            base: Annotated[str, Form(max_length=12)] = "") -> Response:
    """Roll back: the version is saved again as the newest (a new version, checked as usual)."""
    outcome = settings.rollback(staff.database, version=number, base=_base(base),
                                author=identity.email, context=default_context())
    if outcome.status == settings.NOT_FOUND:
        return _page("audit_missing.html", staff, identity, 404)
    if outcome.status == settings.SAVED:
        return RedirectResponse(f"{BASE}/versio/{outcome.version}?palautettu={number}",
                                status_code=303)

    def again(status: int = 200, **context: Any) -> HTMLResponse:
        return _version_page(staff, identity, number, status, **context)

    return _respond(staff, outcome, settings.current(staff.database).raw, again, BASE)


@router.get("/lisaasetukset", response_class=HTMLResponse)
def advanced_form(identity: IdentityDep, staff: StaffDep,
                  tallennettu: int | None = None) -> HTMLResponse:
    """The whole definition as YAML, for those who prefer text."""
    raw = settings.current(staff.database).raw
    return _page("audit_advanced.html", staff, identity, text=audit_forms.as_yaml(raw),
                 info=_saved_info(staff, tallennettu))


@router.post("/lisaasetukset", response_class=HTMLResponse)
async def save_advanced(request: Request, identity: CsrfDep, staff: StaffDep) -> Response:
    """Save the YAML (or JSON) text as a new version after the same checks as the forms."""
    form = await request.form()
    text = str(form.get("definition", ""))
    candidate, problems = audit_forms.apply_advanced(text)

    def again(status: int = 200, **context: Any) -> HTMLResponse:
        return _page("audit_advanced.html", staff, identity, status, text=text, **context)

    raw = candidate or settings.current(staff.database).raw
    return _save(staff, identity, raw, problems, form, "advanced", again,
                 f"{BASE}/lisaasetukset")
