"""`/ammattilainen`: queue, filters, request page, take, status with history, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import update

from bot.store.models import ContactRequest, utc_now
from tests.staff import add_request, csrf_of, log_actions, login


def _older(db, code: str, hours: int) -> None:
    with db.session() as session:
        session.execute(update(ContactRequest).where(ContactRequest.reference == code)
                        .values(created_at=utc_now() - timedelta(hours=hours)))


def test_queue_lists_newest_first_with_age_and_new_count(staff):
    old = add_request(staff.db, "Kerava")
    new = add_request(staff.db, "Tuusula")
    _older(staff.db, old, 50)
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get("/ammattilainen").text
    assert page.index(new) < page.index(old)
    assert "2 pv" in page and "0 min" in page and "2 uutta" in page
    assert "040 123 4567" not in page  # contact details only on the request page


def test_queue_filters_by_municipality_and_status(staff):
    kerava = add_request(staff.db, "Kerava")
    tuusula = add_request(staff.db, "Tuusula")
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get("/ammattilainen", params={"kunta": "Kerava"}).text
    assert kerava in page and tuusula not in page
    page = staff.client.get("/ammattilainen", params={"tila": "hoidettu"}).text
    assert kerava not in page and "Ei pyyntöjä" in page


def test_request_page_shows_contact_time_and_own_words(staff):
    code = add_request(staff.db, situation="Mulla on vuokra rästissä <b>kaks kuukautta</b>")
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get(f"/ammattilainen/pyynnot/{code}").text
    assert "040 123 4567" in page and "aamupäivä" in page
    assert "&lt;b&gt;kaks kuukautta&lt;/b&gt;" in page  # autoescaped


def test_request_from_an_audit_links_to_its_summary(staff):
    code = add_request(staff.db, topic="kartoitus:korkea:ABCD2345")
    login(staff.client, "tiina@keusote.example")
    page = staff.client.get(f"/ammattilainen/pyynnot/{code}").text
    assert "taso: korkea" in page and 'href="/kartoitus/ABCD2345"' in page


def test_unknown_request_is_a_finnish_404(staff):
    login(staff.client, "tiina@keusote.example")
    for path in ("/ammattilainen/pyynnot/ABCDEFGH", "/ammattilainen/pyynnot/<x>"):
        response = staff.client.get(path)
        assert response.status_code == 404 and "Pyyntöä ei löytynyt" in response.text


def test_take_status_changes_and_history(staff):
    code = add_request(staff.db)
    login(staff.client, "tiina@keusote.example")
    path = f"/ammattilainen/pyynnot/{code}"
    token = csrf_of(staff.client.get(path).text)
    assert staff.client.post(f"{path}/ota", data={"csrf_token": token}).status_code == 200
    page = staff.client.get(path).text
    assert "Työn alla" in page and "Otti pyynnön" in page and "tiina@keusote.example" in page
    response = staff.client.post(f"{path}/tila", data={
        "csrf_token": token, "status": "hoidettu", "note": "Soitettu, aika sossuun sovittu"})
    assert response.status_code == 200
    page = staff.client.get(path).text
    assert "Muutti tilaa" in page and "Soitettu, aika sossuun sovittu" in page
    with staff.db.session() as session:
        row = session.query(ContactRequest).filter_by(reference=code).one()
        assert row.status == "hoidettu" and row.handled_at is not None
    entries = log_actions(staff.db)
    assert ("tiina@keusote.example", "request_taken", code, "") in entries
    assert ("tiina@keusote.example", "request_status", code, "hoidettu") in entries
    assert not any("sossuun" in " ".join(e) for e in entries)  # never message texts
    assert "1 uutta" not in staff.client.get("/ammattilainen").text


def test_invalid_status_is_refused(staff):
    code = add_request(staff.db)
    login(staff.client, "tiina@keusote.example")
    path = f"/ammattilainen/pyynnot/{code}"
    token = csrf_of(staff.client.get(path).text)
    response = staff.client.post(f"{path}/tila", data={"csrf_token": token, "status": "kadonnut"})
    assert response.status_code == 400 and "Valitse jokin tiloista" in response.text


def test_status_change_needs_the_csrf_token(staff):
    code = add_request(staff.db)
    login(staff.client, "tiina@keusote.example")
    response = staff.client.post(f"/ammattilainen/pyynnot/{code}/tila",
                                 data={"status": "hoidettu", "csrf_token": "vaara"})
    assert response.status_code == 403


def test_csv_export_of_the_filtered_list_is_logged(staff):
    kerava = add_request(staff.db, "Kerava")
    tuusula = add_request(staff.db, "Tuusula")
    login(staff.client, "tiina@keusote.example")
    response = staff.client.get("/ammattilainen/vienti.csv", params={"kunta": "Kerava"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["tunnus", "kunta"] and [r[0] for r in rows[1:]] == [kerava]
    assert tuusula not in response.text and "040 123 4567" not in response.text
    assert any(e[1] == "csv_export" and "kunta=Kerava" in e[3] for e in log_actions(staff.db))
