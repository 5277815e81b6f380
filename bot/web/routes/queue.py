"""`/ammattilainen`: the contact-request queue, a request page, taking, status, CSV."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.services import queue
from bot.store.contact_requests import STATUSES
from bot.web.routes.deps import (
    NO_STORE,
    STAFF_PATH,
    CsrfDep,
    IdentityDep,
    StaffDep,
    require_role,
    staff_page,
)

router = APIRouter(prefix=STAFF_PATH, dependencies=[Depends(require_role("ammattilainen"))])
REFERENCE = re.compile(r"^[A-Z0-9]{8}$")


@router.get("", response_class=HTMLResponse)
def queue_page(identity: IdentityDep, staff: StaffDep, kunta: str = "", tila: str = ""
               ) -> HTMLResponse:
    """Requests newest first, filtered by municipality and status."""
    view = queue.queue_view(staff.database, municipality=kunta[:32], status=tila,
                            texts=staff.texts)
    return staff_page("staff/queue.html", staff, identity, view=view, kunta=kunta, tila=tila,
                      statuses=STATUSES)


@router.get("/vienti.csv")
def export(identity: IdentityDep, staff: StaffDep, kunta: str = "", tila: str = "") -> Response:
    """The filtered list as CSV (the export is written to the audit log)."""
    body = queue.export_csv(staff.database, municipality=kunta[:32], status=tila,
                            identity=identity, texts=staff.texts)
    headers = {**NO_STORE, "Content-Disposition": 'attachment; filename="pyynnot.csv"'}
    return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)


def _not_found(staff, identity) -> HTMLResponse:
    texts = staff.texts["not_found"]
    return staff_page("staff/message.html", staff, identity, 404, title=texts["title"],
                      message=texts["text"])


def _request_page(staff, identity, reference: str, status: int = 200, message: str = ""
                  ) -> HTMLResponse:
    view = queue.request_view(staff.database, reference=reference, texts=staff.texts)
    if view is None:
        return _not_found(staff, identity)
    return staff_page("staff/request.html", staff, identity, status, view=view,
                      statuses=STATUSES, message=message)


@router.get("/pyynnot/{reference}", response_class=HTMLResponse)
def request_page(reference: str, identity: IdentityDep, staff: StaffDep) -> HTMLResponse:
    """Contact detail, best time, own words, audit link, status, history."""
    if not REFERENCE.match(reference):
        return _not_found(staff, identity)
    return _request_page(staff, identity, reference)


@router.post("/pyynnot/{reference}/ota")
def take(reference: str, identity: CsrfDep, staff: StaffDep) -> Response:
    """Assign the request to me."""
    if not REFERENCE.match(reference) or not queue.take(staff.database, reference=reference,
                                                        identity=identity):
        return _not_found(staff, identity)
    return RedirectResponse(f"{STAFF_PATH}/pyynnot/{reference}", status_code=303)


@router.post("/pyynnot/{reference}/tila")
def change_status(
    reference: str,
    identity: CsrfDep,
    staff: StaffDep,
    status: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Change the status with a note; the note goes to the request's history only."""
    if not REFERENCE.match(reference):
        return _not_found(staff, identity)
    problem = queue.change_status(staff.database, reference=reference, status=status,
                                  note=note, identity=identity)
    if problem == "not_found":
        return _not_found(staff, identity)
    if problem:
        return _request_page(staff, identity, reference, 400,
                             staff.texts["request"]["invalid_status"])
    return RedirectResponse(f"{STAFF_PATH}/pyynnot/{reference}", status_code=303)
