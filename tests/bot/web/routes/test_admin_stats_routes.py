"""`/hallinta/tilastot`: editors and admins only; small counts never shown, in page or CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.services import statistics
from tests.staff import log_actions, login


def _count(db, kind, n, **fields):
    for _ in range(n):
        assert statistics.record(db, kind, **fields)


def test_professional_gets_403_and_anonymous_is_sent_to_login(staff):
    page = staff.client.get("/hallinta/tilastot", follow_redirects=False)
    assert page.headers["location"] == "/kirjaudu"
    login(staff.client, "tiina@keusote.example")
    assert staff.client.get("/hallinta/tilastot").status_code == 403
    assert staff.client.get("/hallinta/tilastot/tilastot.csv").status_code == 403


def test_editor_sees_counts_and_small_cells_are_suppressed(staff):
    _count(staff.db, statistics.TOPIC, 7, topic="vuokrarasti", municipality="Tuusula")
    _count(staff.db, statistics.TOPIC, 2, topic="vuokrarasti", municipality="Kerava")
    _count(staff.db, statistics.CONVERSATION, 6)
    login(staff.client, "eero@keusote.example")
    page = staff.client.get("/hallinta/tilastot")
    assert page.status_code == 200
    html = page.text
    assert "<svg" in html and 'role="img"' in html and "<caption>Aiheet</caption>" in html
    # Kerava's 2 is "< 5"; Tuusula's 7 would reveal it from the topic's total 9: hidden.
    assert "&lt; 5" in html and "piilotettu" in html
    assert ">7<" not in html and ">2<" not in html and ">9<" in html
    assert ">6<" in html  # today's conversations


def test_csv_has_the_same_suppression_and_the_download_is_logged(staff):
    _count(staff.db, statistics.AUDIT, 3, level="korkea", municipality="Tuusula", mode="itse")
    _count(staff.db, statistics.CRISIS, 5, level=statistics.CRISIS_ANSWER)
    login(staff.client, "admin@keusote.example")
    response = staff.client.get("/hallinta/tilastot/tilastot.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["taulukko", "rivi", "määrä"]
    levels = [r for r in rows if r[0] == "Asumiskartoitusten tasot"]
    assert levels and all(r[2] == "< 5" for r in levels)
    detail = [r for r in rows if r[0] == "Kartoitusten tasot kunnittain ja tiloittain"]
    assert detail == [["Kartoitusten tasot kunnittain ja tiloittain",
                       "Korkea riski · Tuusula · Asukas itse", "< 5"]]
    assert ["Kriisivastaukset ja piiloasunnottomuus", "Kriisivastaus", "5"] in rows
    assert "3" not in {r[2] for r in rows}
    assert any(action == "stats_export" for _, action, _, _ in log_actions(staff.db))


def test_date_range_filters_and_an_invalid_range_falls_back_to_30_days(staff):
    old = statistics.today() - timedelta(days=40)
    _count(staff.db, statistics.FALLBACK, 6, day=old)
    login(staff.client, "eero@keusote.example")
    recent = staff.client.get("/hallinta/tilastot").text
    assert "Ymmärtämättä jääneet viestit</dt><dd>0<" in recent
    chosen = staff.client.get(f"/hallinta/tilastot?alku={old.isoformat()}"
                              f"&loppu={old.isoformat()}").text
    assert "Ymmärtämättä jääneet viestit</dt><dd>6<" in chosen
    invalid = staff.client.get("/hallinta/tilastot?alku=2026-12-01&loppu=2026-01-01")
    assert invalid.status_code == 200 and 'role="alert"' in invalid.text
