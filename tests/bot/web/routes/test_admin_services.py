"""`/hallinta/palvelut`: edit a service with the phone and source rules, history, rollback."""

from __future__ import annotations

import re

import pytest

from bot.store import content_versions
from bot.store import services as service_store
from bot.store.content_files import load_answers, load_services
from bot.store.loader import load_content
from tests.staff import csrf_of, log_actions, login

EDITOR = "eero@keusote.example"
PAGE = "/hallinta/palvelut/hyva"


@pytest.fixture
def editor(staff):
    load_content(staff.db, load_answers(), load_services())
    login(staff.client, EDITOR)
    return staff


def form_of(html: str) -> dict[str, object]:
    """The service form's current values."""
    fields: dict[str, object] = {"csrf_token": csrf_of(html)}
    fields["base_version"] = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    for name in ("name", "categories", "url", "phone", "hours", "source", "checked"):
        match = re.search(rf'id="{name}" name="{name}" value="([^"]*)"', html)
        fields[name] = match.group(1) if match else ""
    fields["helps_with"] = re.search(r'name="helps_with"[^>]*>(.*?)</textarea>', html, re.S
                                     ).group(1)
    fields["municipalities"] = re.findall(r'name="municipalities" value="([^"]+)" checked', html)
    if 'name="verified" value="1" checked' in html:
        fields["verified"] = "1"
    return fields


def test_list_and_edit_page(editor):
    page = editor.client.get("/hallinta/palvelut")
    assert page.status_code == 200 and 'href="/hallinta/palvelut/hyva"' in page.text
    edit = editor.client.get(PAGE)
    assert edit.status_code == 200 and "Hyvinkään Vuokra-asunnot" in edit.text


def test_saving_hours_is_a_new_version_shown_in_the_directory(editor):
    fields = form_of(editor.client.get(PAGE).text)
    fields["hours"] = "Ma–pe 9–15"
    response = editor.client.post(PAGE, data=fields, follow_redirects=False)
    assert response.status_code == 303
    assert service_store.get(db=editor.db, key="hyva").hours == "Ma–pe 9–15"
    assert log_actions(editor.db)[-1] == (EDITOR, "service_saved", "hyva", "versio 2")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("phone", "soita meille", "Puhelinnumero ei kelpaa"),
    ("source", "", "Lähde puuttuu"),
    ("url", "hyva.fi", "Linkki ei ole kelvollinen"),
    ("name", "", "Nimi puuttuu."),
    ("checked", "2099-12-31", "tulevaisuudessa"),
])
def test_invalid_service_is_refused_with_input_kept(editor, field, value, message):
    fields = form_of(editor.client.get(PAGE).text)
    fields[field] = value
    fields["hours"] = "Pidetty syöte"
    response = editor.client.post(PAGE, data=fields)
    assert response.status_code == 400 and message in response.text
    assert 'value="Pidetty syöte"' in response.text
    assert service_store.get(db=editor.db, key="hyva").hours is None


def test_a_phone_an_answer_cites_cannot_be_removed(editor):
    page = "/hallinta/palvelut/mieli_kriisipuhelin"
    fields = form_of(editor.client.get(page).text)
    fields["phone"] = ""
    response = editor.client.post(page, data=fields)
    if response.status_code == 303:  # no answer cites the number: nothing to protect
        pytest.fail("expected an answer to cite the MIELI crisis line number")
    assert response.status_code == 400 and "Näissä vastauksissa on puhelinnumero" in response.text


def test_csrf_roles_and_rollback(editor, staff):
    fields = form_of(editor.client.get(PAGE).text)
    without = {k: v for k, v in fields.items() if k != "csrf_token"}
    assert editor.client.post(PAGE, data=without).status_code == 403
    fields["hours"] = "Ma 9–12"
    editor.client.post(PAGE, data=fields)
    history = editor.client.get(PAGE + "/historia")
    assert "Aukioloajat" in history.text and "<ins>" in history.text
    response = editor.client.post(PAGE + "/palauta",
                                  data={"number": 1, "csrf_token": csrf_of(history.text)},
                                  follow_redirects=False)
    assert response.status_code == 303
    assert service_store.get(db=editor.db, key="hyva").hours is None
    assert content_versions.list(db=editor.db, kind="service", key="hyva")[0].restored_from == 1
    editor.client.cookies.clear()
    login(editor.client, "tiina@keusote.example")
    assert editor.client.get("/hallinta/palvelut").status_code == 403
