"""The summary view: the audit's mode decides the wording; verified phones only."""

from datetime import UTC, date, datetime, timedelta

from bot.audit.definition import default_definition
from bot.config import Settings
from bot.services.audit_summary import finnish_date, summary_view
from bot.services.content import WebTexts
from bot.store.audit_results import StoredAudit
from bot.store.records import ServiceRecord

TEXTS = WebTexts.from_file(Settings().web_content_path).summary
CREATED = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # already 27.11. in Helsinki


def audit(mode="itse", reasons=("Sait irtisanomis- tai purkuilmoituksen.",)):
    return StoredAudit(
        reference="ABCD2345", created_at=CREATED, expires_at=CREATED + timedelta(days=30),
        mode=mode, municipality="Tuusula", answers={"k04_vuokrasuhde": "irtisanominen"},
        level="korkea", total=5, reasons=list(reasons), professional_consent="kyllä",
    )


def service(verified):
    return ServiceRecord(key="neuvonta", name="Asumisneuvonta", helps_with="Vuokrarästit",
                         municipalities=("Tuusula",), categories=("asumisneuvonta",),
                         url="https://x.fi", source="https://x.fi", checked=date(2026, 11, 1),
                         verified=verified, phone="09 123", hours="")


def test_date_is_in_helsinki_time():
    assert finnish_date(CREATED) == "27.11.2026"


def test_resident_view_has_no_notification_and_resident_wording():
    view = summary_view(audit(), default_definition(), [], TEXTS)
    assert not view.professional and view.notification == "" and view.consent == ""
    assert view.level_summary.startswith("Asumisesi on vaarassa")
    assert view.answers[0].question == default_definition().questions[0].text
    assert view.expires.endswith("27.12.2026. Voit poistaa sen itse nyt.")


def test_professional_view_speaks_of_the_client_and_has_the_notification_text():
    view = summary_view(audit(mode="ammattilainen"), default_definition(), [], TEXTS)
    assert view.professional and view.level_summary.startswith("Asiakkaan asuminen")
    assert view.answers[0].question.startswith("Missä asiakas")
    assert "Asumisen kartoitus 27.11.2026: Korkea riski" in view.notification
    assert "suostumus yhteydenottoon: kyllä" in view.notification


def test_unverified_phone_is_not_shown():
    view = summary_view(audit(), default_definition(), [service(False), service(True)], TEXTS)
    assert [s.phone for s in view.services] == ["", "09 123"]


def test_unanswered_questions_say_so():
    view = summary_view(audit(), default_definition(), [], TEXTS)
    assert view.answers[0].answer == TEXTS["skipped"]
