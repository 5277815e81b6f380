"""`/hallinta/palvelut`: editors list and edit the service directory, history, rollback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from bot.municipalities import ANY_MUNICIPALITY, MUNICIPALITIES
from bot.services import content_editor
from bot.services.content_editor import SaveOutcome, service_form_data
from bot.store import content_entries, content_versions
from bot.store.content_data import SERVICE
from bot.web.routes.admin_content import (
    as_int,
    as_list,
    as_text,
    by_field,
    done_redirect,
    form_fields,
    rules,
)
from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    CsrfDep,
    IdentityDep,
    StaffDep,
    StaffState,
    require_any_role,
    staff_page,
)

BASE = f"{ADMIN_PATH}/palvelut"
router = APIRouter(prefix=BASE, dependencies=[Depends(require_any_role(*EDITOR_ROLES))])
FormDep = Annotated[dict[str, Any], Depends(form_fields)]


@router.get("", response_class=HTMLResponse)
def services_page(identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every service: municipalities, verified flag, check date, last change."""
    return staff_page("staff/admin/services.html", staff, identity,
                      services=content_entries.services(db=staff.database),
                      latest=content_versions.latest_by_key(db=staff.database, kind=SERVICE))


def _data(key: str, deployment: bool, fields: dict[str, Any]) -> dict[str, Any]:
    return service_form_data(
        key=key, deployment=deployment, name=as_text(fields.get("name")),
        helps_with=as_text(fields.get("helps_with")),
        municipalities=as_list(fields.get("municipalities")),
        categories=as_text(fields.get("categories")), url=as_text(fields.get("url")),
        phone=as_text(fields.get("phone")), hours=as_text(fields.get("hours")),
        source=as_text(fields.get("source")), checked=as_text(fields.get("checked")),
        verified=bool(as_text(fields.get("verified"))),
    )


def _not_found(staff: StaffState, identity) -> HTMLResponse:
    texts = staff.texts["content_editor"]
    return staff_page("staff/message.html", staff, identity, 404,
                      title=texts["problems"]["unknown"], message=texts["problems"]["unknown"])


def _edit_page(staff: StaffState, identity, key: str, data: dict[str, Any], version: int, *,
               status: int = 200, outcome: SaveOutcome | None = None, info: str = ""
               ) -> HTMLResponse:
    problems = outcome.problems if outcome else ()
    warnings = outcome.warnings if outcome else tuple(content_editor.date_warnings(
        data.get("checked", ""), rules(staff)))
    return staff_page("staff/admin/service_edit.html", staff, identity, status, key=key,
                      data=data, version=version, problems=problems, errors=by_field(problems),
                      warnings=warnings, info=info,
                      municipalities=(*MUNICIPALITIES, ANY_MUNICIPALITY), base=BASE)


@router.get("/{key}", response_class=HTMLResponse)
def edit_page(key: str, request: Request, identity: IdentityDep, staff: StaffDep
              ) -> HTMLResponse:
    """The edit form of one service."""
    state = content_editor.service_state(staff.database, key)
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
    return _edit_page(staff, identity, key, state.data, state.version, info=info)


@router.post("/{key}", response_class=HTMLResponse)
def save(key: str, identity: CsrfDep, staff: StaffDep, fields: FormDep) -> Response:
    """Check and save the service as a new version; the form again with the problems."""
    state = content_editor.service_state(staff.database, key)
    if state is None:
        return _not_found(staff, identity)
    data = _data(key, bool(state.data.get("deployment")), fields)
    version = as_int(fields.get("base_version")) or 0
    outcome = content_editor.save_service(staff.database, key=key, data=data,
                                          author=identity.email, rules=rules(staff),
                                          base_version=version)
    if done := done_redirect(outcome, f"{BASE}/{key}"):
        return done
    return _edit_page(staff, identity, key, data, version, status=400, outcome=outcome)


def _history(staff: StaffState, identity, key: str, outcome: SaveOutcome | None = None,
             status: int = 200) -> HTMLResponse:
    state = content_editor.service_state(staff.database, key)
    if state is None:
        return _not_found(staff, identity)
    entries = content_editor.history(staff.database, kind=SERVICE, key=key)
    return staff_page("staff/admin/content_history.html", staff, identity, status,
                      entry_name=state.data["name"], entries=entries,
                      problems=outcome.problems if outcome else (), back=BASE,
                      back_text=staff.texts["content_editor"]["back_services"],
                      restore_action=f"{BASE}/{key}/palauta", edit_link=f"{BASE}/{key}")


@router.get("/{key}/historia", response_class=HTMLResponse)
def history_page(key: str, identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Every version, newest first, with a readable difference and a rollback button."""
    return _history(staff, identity, key)


@router.post("/{key}/palauta", response_class=HTMLResponse)
def restore(key: str, identity: CsrfDep, staff: StaffDep,
            number: Annotated[int, Form()] = 0) -> Response:
    """Make an earlier version live again (a new version); the history with the problems."""
    outcome = content_editor.restore_service(staff.database, key=key, number=number,
                                             author=identity.email, rules=rules(staff))
    if done := done_redirect(outcome, f"{BASE}/{key}", restored_from=number):
        return done
    return _history(staff, identity, key, outcome, 400)
