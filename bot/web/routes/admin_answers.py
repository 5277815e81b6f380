"""`/hallinta/vastaukset`: editors list and edit topic answers, preview, history, rollback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from bot.municipalities import MUNICIPALITIES
from bot.services import content_editor
from bot.services.content_editor import SaveOutcome, answer_form_data
from bot.services.content_preview import message_parts, preview_replies
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue
from bot.store import content_entries, content_versions
from bot.store.content_data import ANSWER
from bot.web.pages import render
from bot.web.routes.admin_content import (
    as_int,
    as_list,
    as_text,
    by_field,
    done_redirect,
    form_fields,
    rules,
    variant_fields,
)
from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    NO_STORE,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_any_role,
    staff_page,
)

BASE = f"{ADMIN_PATH}/vastaukset"
router = APIRouter(prefix=BASE, dependencies=[Depends(require_any_role(*EDITOR_ROLES))])
FormDep = Annotated[dict[str, Any], Depends(form_fields)]


@router.get("", response_class=HTMLResponse)
def answers_page(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every topic answer: municipal variants, check date, last change."""
    entries = content_entries.answers(db=staff.database)
    latest = content_versions.latest_by_key(db=staff.database, kind=ANSWER)
    return staff_page("staff/admin/answers.html", staff, identity, entries=entries,
                      latest=latest, titles=default_catalogue().titles)


def _data(fields: dict[str, Any]) -> dict[str, Any]:
    return answer_form_data(
        text=as_text(fields.get("text")),
        variants={m: as_text(fields.get(name)) for m, name in variant_fields()},
        sources=as_text(fields.get("sources")),
        checked=as_text(fields.get("checked")),
        next_steps=as_list(fields.get("next_steps")),
        services=as_list(fields.get("services")),
        needs_municipality=bool(as_text(fields.get("needs_municipality"))),
        offers_contact=bool(as_text(fields.get("offers_contact"))),
    )


def _preview_municipality(value: str, data: dict[str, Any]) -> str:
    if value in MUNICIPALITIES or value == "":
        return value
    return MUNICIPALITIES[0] if data.get("needs_municipality") else ""


def _preview(staff: StaffState, intent: str, data: dict[str, Any], municipality: str
             ) -> list[list[tuple[str, str]] | Any]:
    replies = preview_replies(staff.database, intent=intent, data=data,
                              municipality=municipality or None,
                              catalogue=default_catalogue(), texts=default_dialogue_texts())
    return [(message_parts(r.text), r.buttons) for r in replies]


def _categories(staff: StaffState) -> list[str]:
    services = content_entries.services(db=staff.database)
    return sorted({c for s in services for c in s.categories})


def _edit_page(staff: StaffState, identity, intent: str, data: dict[str, Any], version: int,
               *, status: int = 200, outcome: SaveOutcome | None = None, info: str = "",
               municipality: str | None = None) -> HTMLResponse:
    catalogue = default_catalogue()
    chosen = _preview_municipality(
        municipality if municipality is not None else "__default__", data)
    problems = outcome.problems if outcome else ()
    warnings = outcome.warnings if outcome else tuple(content_editor.date_warnings(
        data.get("checked", ""), rules(staff)))
    return staff_page(
        "staff/admin/answer_edit.html", staff, identity, status,
        intent=intent, title=catalogue.titles.get(intent, intent), data=data, version=version,
        problems=problems, errors=by_field(problems), warnings=warnings, info=info,
        municipalities=MUNICIPALITIES, variant_fields=variant_fields(),
        topics=catalogue.titles, categories=_categories(staff),
        preview=_preview(staff, intent, data, chosen), preview_municipality=chosen,
        base=BASE,
    )


@router.get("/{intent}", response_class=HTMLResponse)
def edit_page(intent: str, request: Request, identity: IdentityDep, staff: StaffDep
              ) -> HTMLResponse:
    """The edit form of one answer with the chat preview."""
    state = content_editor.answer_state(staff.database, intent)
    if state is None:
        return _not_found(staff, identity)
    texts = staff.texts["content_editor"]
    query = request.query_params
    info = ""
    if as_int(query.get("tallennettu")):
        info = texts["saved"].format(number=as_int(query.get("tallennettu")))
    elif as_int(query.get("palautettu")):
        info = texts["restored"].format(number=as_int(query.get("palautettu")),
                                        **{"from": as_int(query.get("versiosta"))})
    elif query.get("ennallaan"):
        info = texts["unchanged"]
    return _edit_page(staff, identity, intent, state.data, state.version, info=info)


def _not_found(staff: StaffState, identity) -> HTMLResponse:
    texts = staff.texts["content_editor"]
    return staff_page("staff/message.html", staff, identity, 404,
                      title=texts["problems"]["unknown"], message=texts["problems"]["unknown"])


@router.post("/{intent}", response_class=HTMLResponse)
def save(intent: str, identity: CsrfDep, staff: StaffDep, fields: FormDep) -> Response:
    """Check and save the answer as a new version; the form again with the problems."""
    data = _data(fields)
    version = as_int(fields.get("base_version")) or 0
    outcome = content_editor.save_answer(staff.database, intent=intent, data=data,
                                         author=identity.email, rules=rules(staff),
                                         base_version=version)
    if done := done_redirect(outcome, f"{BASE}/{intent}"):
        return done
    return _edit_page(staff, identity, intent, data, version, status=400, outcome=outcome,
                      municipality=as_text(fields.get("preview_municipality")))


@router.post("/{intent}/esikatselu", response_class=HTMLResponse)
def preview(intent: str, request: Request, identity: CsrfDep, staff: StaffDep,
            fields: FormDep) -> HTMLResponse:
    """The chat preview of the unsaved form: a fragment for the script, else the whole page."""
    data = _data(fields)
    municipality = _preview_municipality(as_text(fields.get("preview_municipality")), data)
    if request.headers.get("x-esikatselu") == "1":
        return render("staff/admin/_preview.html", 200, NO_STORE, t=staff.texts,
                      preview=_preview(staff, intent, data, municipality))
    version = as_int(fields.get("base_version")) or 0
    return _edit_page(staff, identity, intent, data, version, municipality=municipality)


def _history(staff: StaffState, identity, intent: str, outcome: SaveOutcome | None = None,
             status: int = 200) -> HTMLResponse:
    if content_editor.answer_state(staff.database, intent) is None:
        return _not_found(staff, identity)
    entries = content_editor.history(staff.database, kind=ANSWER, key=intent)
    name = default_catalogue().titles.get(intent, intent)
    problems = outcome.problems if outcome else ()
    return staff_page("staff/admin/content_history.html", staff, identity, status,
                      entry_name=name, entries=entries, problems=problems, back=BASE,
                      back_text=staff.texts["content_editor"]["back_answers"],
                      restore_action=f"{BASE}/{intent}/palauta", edit_link=f"{BASE}/{intent}")


@router.get("/{intent}/historia", response_class=HTMLResponse)
def history_page(intent: str, identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every version, newest first, with a readable difference and a rollback button."""
    return _history(staff, identity, intent)


@router.post("/{intent}/palauta", response_class=HTMLResponse)
def restore(intent: str, identity: CsrfDep, staff: StaffDep,
            number: Annotated[int, Form()] = 0) -> Response:
    """Make an earlier version live again (a new version); the history with the problems."""
    outcome = content_editor.restore_answer(staff.database, intent=intent, number=number,
                                            author=identity.email, rules=rules(staff))
    if done := done_redirect(outcome, f"{BASE}/{intent}", restored_from=number):
        return done
    return _history(staff, identity, intent, outcome, 400)
