"""`/kartoitus/<code>`: content, professional text, expiry, unknown code, deletion."""

from datetime import timedelta

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from bot.audit.definition import AUDIT_FILE
from bot.config import Settings
from bot.store import audit_definitions, audit_results
from bot.store.content_files import load_answers, load_services
from bot.store.db import Database, make_engine
from bot.store.loader import load_content
from bot.store.migrate import upgrade
from bot.store.models import utc_now
from bot.web.main import create_app
from tests.bot.web.conftest import FakeRasa


@pytest.fixture
def store_and_client(database_url):
    url = database_url  # SQLite, then PostgreSQL
    db = Database(make_engine(url))
    upgrade(db)
    load_content(db, load_answers(), load_services())
    audit_definitions.create(db=db, data=yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8")))
    app = create_app(Settings(database_url=url), transport=httpx.MockTransport(FakeRasa()))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield db, client


def save(db, mode="itse", days=30):
    return audit_results.create(
        db=db,
        mode=mode, municipality="Tuusula",
        answers={"k01_asuminen": "kaverin_luona", "k05_rastit": "yli_kaksi_kk",
                 "k14_erityiset": ["ero", "lapsia"], "k07_luottotiedot": "en_tieda"},
        level="korkea", total=15, reasons=["Asut tilapäisesti kaverin tai sukulaisen luona."],
        professional_consent="kyllä" if mode == "ammattilainen" else "", retention_days=days,
    )


def test_summary_shows_answers_level_reasons_and_services(store_and_client):
    store, client = store_and_client
    code = save(store)
    response = client.get(f"/kartoitus/{code}")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    page = response.text
    assert 'lang="fi"' in page and "Korkea riski" in page
    assert "Tilapäisesti kaverin tai sukulaisen luona" in page
    assert "Ero tai perhesuhteen päättyminen, Taloudessa on alaikäisiä lapsia" in page
    assert "Ei vastausta" in page and "Tuusula" in page
    assert "Keusote" in page and "asumisen täppä" not in page
    assert "112" in page


def test_professional_summary_has_notification_text_with_housing_mark(store_and_client):
    store, client = store_and_client
    page = client.get(f"/kartoitus/{save(store, mode='ammattilainen')}").text
    assert "Ammattilainen yhdessä asiakkaan kanssa" in page
    assert "[x] Asuminen (asumisen täppä)" in page and "suostumus yhteydenottoon: kyllä" in page
    assert "Missä asiakas asuu tai yöpyy nyt?" in page
    assert "Asiakkaan asuminen on vaarassa" in page and "Asumisesi on vaarassa" not in page


def test_resident_summary_speaks_to_the_resident(store_and_client):
    store, client = store_and_client
    page = client.get(f"/kartoitus/{save(store)}").text
    assert "Asumisesi on vaarassa" in page and "Asiakkaan asuminen" not in page


@pytest.mark.parametrize("code", ["ABCDEFGH", "abc", "abcdefgh", "A" * 50, "<script>"])
def test_unknown_code_gives_finnish_404(store_and_client, code):
    _, client = store_and_client
    response = client.get(f"/kartoitus/{code}")
    assert response.status_code == 404 and "Yhteenvetoa ei löytynyt" in response.text


def test_expired_summary_is_gone_and_removed(store_and_client):
    store, client = store_and_client
    code = save(store)
    assert audit_results.get(db=store, reference=code, now=utc_now() + timedelta(days=31)) is None
    assert client.get(f"/kartoitus/{code}").status_code == 404


def test_retention_is_configurable(store_and_client):
    store, _ = store_and_client
    code = save(store, days=1)
    soon, later = utc_now() + timedelta(hours=23), utc_now() + timedelta(days=2)
    assert audit_results.get(db=store, reference=code, now=soon) is not None
    assert audit_results.get(db=store, reference=code, now=later) is None


def test_delete_with_the_page_button_and_the_api(store_and_client):
    store, client = store_and_client
    code = save(store)
    response = client.post(f"/kartoitus/{code}/poista")
    assert response.status_code == 200 and "poistettu" in response.text
    assert client.get(f"/kartoitus/{code}").status_code == 404
    other = save(store)
    assert client.delete(f"/kartoitus/{other}").status_code == 204
    assert client.delete(f"/kartoitus/{other}").status_code == 404


def test_database_down_gives_finnish_503(tmp_path):
    url = f"sqlite:///{tmp_path / 'missing' / 'x.db'}"
    app = create_app(Settings(database_url=url), transport=httpx.MockTransport(FakeRasa()))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/kartoitus/ABCDEFGH")
    assert response.status_code == 503 and "Yritä hetken päästä" in response.text
