"""`/hallinta/kartoitus`: admins only, CSRF, checked saves, versions, rollback, live use."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.audit_result import ActionAuditResult
from actions.store import reset_caches
from bot.audit.live import LiveDefinition
from bot.services.audit_forms import as_yaml, field_name
from bot.services.audit_settings import file_definition
from bot.store import audit_definitions
from bot.store.models import AuditResultRow
from tests.bot.services.test_audit_forms import question_form
from tests.staff import csrf_of, log_actions, login
from tests.trackers import tracker

ADMIN = "admin@keusote.example"
PAGES = ["/hallinta/kartoitus", "/hallinta/kartoitus/kysymys/k04_vuokrasuhde",
         "/hallinta/kartoitus/taso/korkea", "/hallinta/kartoitus/historia",
         "/hallinta/kartoitus/lisaasetukset"]
LIMITS = {"cutoff_kohonnut": "8", "cutoff_korkea": "18", "multi_select_cap": "6",
          "retention_days": "30"}


def admin(staff) -> str:
    """Log the admin in; returns the CSRF token."""
    login(staff.client, ADMIN)
    return csrf_of(staff.client.get("/hallinta/kartoitus").text)


def post(staff, path, token, base="", **fields):
    return staff.client.post(path, data={"csrf_token": token, "base": base, **fields},
                             follow_redirects=False)


def test_admin_sees_every_page(staff):
    admin(staff)
    for path in PAGES:
        page = staff.client.get(path)
        assert page.status_code == 200 and "Kartoituksen asetukset" in page.text, path
        assert "tiedoston audit.yml versio" in page.text


@pytest.mark.parametrize("email", ["eero@keusote.example", "tiina@keusote.example"])
def test_editors_and_professionals_get_403(staff, email):
    login(staff.client, email)
    token = csrf_of(staff.client.get("/ammattilainen/salasana").text)
    for path in PAGES:
        assert staff.client.get(path).status_code == 403
    assert post(staff, "/hallinta/kartoitus/rajat", token, **LIMITS).status_code == 403
    assert audit_definitions.list(db=staff.db) == []


def test_anonymous_is_sent_to_login(staff):
    response = staff.client.get("/hallinta/kartoitus", follow_redirects=False)
    assert response.headers["location"] == "/kirjaudu"


def test_a_post_without_the_csrf_token_is_refused(staff):
    admin(staff)
    response = post(staff, "/hallinta/kartoitus/rajat", "vaara",
                    **{**LIMITS, "cutoff_korkea": "17"})
    assert response.status_code == 403 and audit_definitions.list(db=staff.db) == []


def test_admin_changes_a_question_text_and_the_next_audit_uses_it(staff):
    token = admin(staff)
    form = question_form(file_definition(), "k01_asuminen", text="Missä sinä asut nyt?")
    response = post(staff, "/hallinta/kartoitus/kysymys/k01_asuminen", token, **form,
                    note="selkeämpi kysymys")
    assert response.headers["location"] == "/hallinta/kartoitus/kysymys/k01_asuminen?tallennettu=2"
    page = staff.client.get(response.headers["location"]).text
    assert "Tallennettu versiona 2" in page and "Missä sinä asut nyt?" in page
    definition = LiveDefinition(lambda: audit_definitions.get(db=staff.db)).get()
    assert definition.version == 2 and definition.questions[0].text == "Missä sinä asut nyt?"
    assert log_actions(staff.db)[-1] == (ADMIN, "audit_saved", "audit_definitions:2",
                                         "k01_asuminen")


def test_an_invalid_change_is_refused_with_the_property_and_question(staff):
    token = admin(staff)
    form = question_form(file_definition(), "k04_vuokrasuhde", **{
        field_name("karajaoikeus", "points"): "0", field_name("karajaoikeus", "floor"): ""})
    response = post(staff, "/hallinta/kartoitus/kysymys/k04_vuokrasuhde", token, **form)
    assert response.status_code == 400
    text = " ".join(response.text.split())
    assert "Muutosta ei tallennettu" in text
    assert "”vakavampi vastaus ei koskaan laske tasoa” ei täyty kysymyksessä 4" in text
    assert audit_definitions.list(db=staff.db) == []


def test_negative_points_break_skipping(staff):
    token = admin(staff)
    form = question_form(file_definition(), "k06_tulot",
                         **{field_name("juuri_ja_juuri", "points"): "-3"})
    response = post(staff, "/hallinta/kartoitus/kysymys/k06_tulot", token, **form)
    assert response.status_code == 400
    assert "”vastaamatta jättäminen ei koskaan nosta tasoa” ei täyty kysymyksessä 6" in (
        " ".join(response.text.split()))


def test_cut_off_change_history_diff_and_rollback(staff):
    token = admin(staff)
    response = post(staff, "/hallinta/kartoitus/rajat", token, **{**LIMITS, "cutoff_korkea": "16"})
    assert response.headers["location"] == "/hallinta/kartoitus?tallennettu=2"
    history = staff.client.get("/hallinta/kartoitus/historia").text
    assert "Versio 2" in history and "Versio 1" in history and ADMIN in history
    version = " ".join(staff.client.get("/hallinta/kartoitus/versio/2").text.split())
    assert "Korkean riskin raja (pistettä vähintään)" in version
    assert "<td>18</td> <td>16</td>" in version and "Tämä versio on käytössä" in version
    response = post(staff, "/hallinta/kartoitus/versio/1/palauta", token, base="2")
    assert response.headers["location"] == "/hallinta/kartoitus/versio/3?palautettu=1"
    assert "Versio 1 palautettiin" in staff.client.get(response.headers["location"]).text
    assert audit_definitions.get(db=staff.db)["cutoffs"]["korkea"] == 18
    assert [a for _, a, _, _ in log_actions(staff.db)][-2:] == ["audit_saved", "audit_rollback"]


def test_a_form_based_on_an_old_version_is_refused(staff):
    token = admin(staff)
    post(staff, "/hallinta/kartoitus/rajat", token, **{**LIMITS, "cutoff_korkea": "17"})
    response = post(staff, "/hallinta/kartoitus/rajat", token, **{**LIMITS, "cutoff_korkea": "16"})
    assert response.status_code == 409 and "Joku muu tallensi" in response.text
    assert audit_definitions.get(db=staff.db)["cutoffs"]["korkea"] == 17


def test_level_routing_is_saved(staff):
    token = admin(staff)
    fields = {"title": "Korkea riski", "summary": "Asumisesi on vaarassa.",
              "summary_professional": "Asiakkaan asuminen on vaarassa.",
              "next_steps": ["sosiaalipalvelut", "vuokravelka"],
              "services": ["sosiaalipalvelut", "asumisneuvonta"], "offer_contact": "1"}
    response = post(staff, "/hallinta/kartoitus/taso/korkea", token, **fields)
    assert response.status_code == 303
    level = audit_definitions.get(db=staff.db)["levels"]["korkea"]
    assert level["next_steps"] == ["sosiaalipalvelut", "vuokravelka"] and level["offer_contact"]


def test_advanced_yaml_is_checked_like_the_forms(staff):
    token = admin(staff)
    raw = file_definition()
    raw["cutoffs"]["korkea"] = 60
    response = post(staff, "/hallinta/kartoitus/lisaasetukset", token, definition=as_yaml(raw))
    assert response.status_code == 400
    assert "korkean riskin raja on suurempi kuin suurin mahdollinen pistemäärä (53)" in (
        " ".join(response.text.split()))
    raw["cutoffs"]["korkea"] = 20
    response = post(staff, "/hallinta/kartoitus/lisaasetukset", token, definition=as_yaml(raw))
    assert response.status_code == 303
    assert audit_definitions.get(db=staff.db)["cutoffs"]["korkea"] == 20


def test_unknown_parts_are_404(staff):
    admin(staff)
    for path in ("/hallinta/kartoitus/kysymys/k99", "/hallinta/kartoitus/taso/x",
                 "/hallinta/kartoitus/versio/9"):
        assert staff.client.get(path).status_code == 404, path


async def test_the_stored_result_records_the_version_that_scored_it(staff, monkeypatch):
    token = admin(staff)
    post(staff, "/hallinta/kartoitus/rajat", token, **{**LIMITS, "cutoff_kohonnut": "2"})
    monkeypatch.setenv("DATABASE_URL", staff.url)
    reset_caches()
    try:
        slots = {"kartoitus_tila": "itse", "k03_aiempi": "kerran"}  # 2 points
        await ActionAuditResult().run(CollectingDispatcher(), tracker("affirm", slots=slots), {})
    finally:
        reset_caches()
    with staff.db.session() as session:
        (row,) = session.scalars(select(AuditResultRow))
        assert (row.definition_version, row.level) == (2, "kohonnut")
