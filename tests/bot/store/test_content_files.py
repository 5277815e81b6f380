"""Content files: every topic has an answer with sources and a check date; links and phones."""

from datetime import date

import pytest

from bot.domain_files import load_domain
from bot.municipalities import MUNICIPALITIES
from bot.services.answer_messages import service_line
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue
from bot.store import services
from bot.store.content_files import (
    DEPLOYMENT_SOURCE,
    ContentError,
    check_dates,
    check_phone_sources,
    load_answers,
    load_services,
    months_before,
    parse_answers,
    parse_services,
    source_list,
)
from bot.store.db import Database, make_engine
from bot.store.loader import load_content
from bot.store.migrate import upgrade


def domain_intents() -> set[str]:
    return set(load_domain()["intents"])


ANSWERS = load_answers(known_intents=domain_intents())
SERVICES = load_services()


def test_every_topic_has_an_answer():
    # start_audit opens the audit form instead of an answer text.
    assert {a.intent for a in ANSWERS} == set(default_catalogue().titles) - {"start_audit"}


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.intent)
def test_answer_is_short_sourced_and_dated(answer):
    sentences = [s for s in answer.text.replace("?", ".").split(". ") if s.strip()]
    assert 2 <= len(sentences) <= 7, answer.text
    assert answer.sources and all(s.startswith("http") for s in answer.sources)
    assert date(2026, 1, 1) <= answer.checked <= date.today()
    assert len(answer.next_steps) <= 4


def test_phone_numbers_in_answers_are_sourced_services():
    check_phone_sources(ANSWERS, SERVICES)


def test_every_municipality_has_a_landlord_and_social_services_route():
    for municipality in MUNICIPALITIES:
        categories = {
            c for s in SERVICES if municipality in s.municipalities or "kaikki" in s.municipalities
            for c in s.categories
        }
        assert {"vuokranantaja", "sosiaalipalvelut", "sosiaalipaivystys", "velkaneuvonta",
                "asumisneuvonta", "ruoka_apu", "kriisilinja"} <= categories, municipality


def test_answer_service_categories_exist_in_directory():
    known = {c for s in SERVICES for c in s.categories}
    for answer in ANSWERS:
        assert set(answer.service_categories) <= known, answer.intent


def test_answer_without_sources_is_rejected():
    raw = {"answers": {"x": {"text": "Yksi. Kaksi.", "sources": [], "checked": "2026-11-26"}}}
    with pytest.raises(ContentError, match="no sources"):
        parse_answers(raw)


def test_malformed_link_is_rejected():
    entry = {"text": "Katso https://", "sources": ["ftp://x"], "checked": "2026-11-26"}
    raw = {"answers": {"x": entry}}
    with pytest.raises(ContentError, match="well-formed"):
        parse_answers(raw)


def test_bad_check_date_is_rejected():
    raw = {"answers": {"x": {"text": "A.", "sources": ["https://a.fi"], "checked": "eilen"}}}
    with pytest.raises(ContentError, match="date"):
        parse_answers(raw)


def test_unknown_next_step_is_rejected():
    raw = {"answers": {"x": {"text": "A.", "sources": ["https://a.fi"], "checked": "2026-11-26",
                             "next_steps": ["ei_ole"]}}}
    with pytest.raises(ContentError, match="unknown intents"):
        parse_answers(raw, known_intents={"x"})


def test_invented_phone_number_in_answer_is_rejected():
    raw = {"answers": {"x": {"text": "Soita 040 123 4567.", "sources": ["https://a.fi"],
                             "checked": "2026-11-26"}}}
    with pytest.raises(ContentError, match="phone"):
        check_phone_sources(parse_answers(raw), SERVICES)


def test_service_phone_needs_web_source():
    raw = {"services": [{"key": "k", "name": "N", "helps_with": "H", "municipalities": ["kaikki"],
                         "url": "https://a.fi", "phone": "09 123 4567", "source": "muistitieto",
                         "checked": "2026-11-26"}]}
    with pytest.raises(ContentError, match="web source"):
        parse_services(raw)


def test_service_with_unknown_municipality_is_rejected():
    raw = {"services": [{"key": "k", "name": "N", "helps_with": "H", "municipalities": ["Espoo"],
                         "url": "https://a.fi", "source": "https://a.fi", "checked": "2026-11-26"}]}
    with pytest.raises(ContentError, match="municipalities"):
        parse_services(raw)


def _answer(intent, checked, sources=("https://a.fi",)):
    return {intent: {"text": "Yksi. Kaksi.", "sources": list(sources), "checked": checked}}


def _service(key, checked, **extra):
    item = {"key": key, "name": "N", "helps_with": "H", "municipalities": ["kaikki"],
            "url": "https://a.fi", "source": "https://s.fi", "checked": checked}
    return {**item, **extra}


COUNTY_SETS_IT = {"key": "tiimi", "name": "Jalkautuva tiimi", "deployment": True,
                  "municipalities": [], "categories": ["jalkautuva_tiimi"], "helps_with": "",
                  "checked": "2026-11-26"}


def test_deployment_entry_needs_no_web_source_and_is_hidden_until_set():
    entry = parse_services({"services": [COUNTY_SETS_IT]})[0]
    assert entry.deployment and entry.source == DEPLOYMENT_SOURCE and entry.url == ""
    assert not entry.is_set


def test_deployment_entry_set_by_the_county_is_shown_even_with_an_unsourced_phone():
    item = {**COUNTY_SETS_IT, "helps_with": "Sosiaaliohjaaja tulee tapaamaan.",
            "municipalities": ["Tuusula"], "hours": "ma–pe 9–15", "phone": "09 123 4567"}
    entry = parse_services({"services": [item]})[0]
    assert entry.is_set and entry.verified and entry.phone == "09 123 4567"


def test_ordinary_service_still_needs_url_source_and_municipalities():
    for missing in ("url", "source", "helps_with"):
        item = _service("k", "2026-11-26")
        del item[missing]
        with pytest.raises(ContentError, match=missing):
            parse_services({"services": [item]})
    with pytest.raises(ContentError, match="municipalities"):
        parse_services({"services": [_service("k", "2026-11-26", municipalities=[])]})


def test_repository_outreach_team_is_a_deployment_setting_not_yet_set():
    team = next(s for s in SERVICES if "jalkautuva_tiimi" in s.categories)
    assert team.deployment and not team.is_set
    answer = next(a for a in ANSWERS if a.intent == "jalkautuva_tiimi")
    assert "jalkautuva_tiimi" in answer.service_categories


@pytest.mark.parametrize(("today", "months", "expected"), [
    (date(2026, 11, 26), 6, date(2026, 5, 26)),
    (date(2026, 11, 26), 12, date(2025, 11, 26)),
    (date(2026, 8, 31), 6, date(2026, 2, 28)),
    (date(2027, 1, 15), 6, date(2026, 7, 15)),
])
def test_months_before(today, months, expected):
    assert months_before(today, months) == expected


@pytest.mark.parametrize(("checked", "warned", "failed"), [
    ("2026-11-26", False, False),
    ("2026-05-26", False, False),  # exactly 6 months: still fine
    ("2026-05-25", True, False),
    ("2025-11-26", True, False),  # exactly 12 months: a warning, not yet a failure
    ("2025-11-25", False, True),
    ("2026-11-27", False, True),  # a date in the future hides staleness
])
def test_check_dates_warns_after_six_months_and_fails_after_twelve(checked, warned, failed):
    answers = parse_answers({"answers": _answer("x", checked)})
    services = parse_services({"services": [_service("s", checked)]})
    report = check_dates(answers, services, date(2026, 11, 26))
    assert bool(report.warnings) is warned and bool(report.errors) is failed
    if warned or failed:
        assert {"answers.yml/x", "services.yml/s"} == {
            line.split(":")[0] for line in (*report.warnings, *report.errors)
        }


def test_unset_deployment_entry_is_not_judged_by_date():
    services = parse_services({"services": [{**COUNTY_SETS_IT, "checked": "2020-01-01"}]})
    assert check_dates([], services, date(2026, 11, 26)).errors == ()


def test_source_list_has_every_url_once_with_its_oldest_check_date():
    both = ["https://x.fi", "https://y.fi"]
    answers = parse_answers({"answers": {**_answer("a", "2026-11-26", both),
                                         **_answer("b", "2026-06-01", ["https://x.fi"])}})
    services = parse_services({"services": [_service("s", "2026-10-01"),
                                            _service("m", "2026-10-01", source="muistitieto")]})
    rows = source_list(answers, services)
    assert [(r.url, r.checked) for r in rows] == [
        ("https://x.fi", date(2026, 6, 1)),
        ("https://s.fi", date(2026, 10, 1)),
        ("https://y.fi", date(2026, 11, 26)),
    ]
    assert rows[0].used_by == ("answers.yml/a", "answers.yml/b")


def test_repository_content_is_not_stale_today():
    report = check_dates(ANSWERS, SERVICES, date.today())
    assert report.errors == ()


def test_outreach_team_reaches_residents_only_once_the_county_sets_it(tmp_path):
    db = Database(make_engine(f"sqlite:///{tmp_path / 'content.db'}"))
    upgrade(db)
    load_content(db, ANSWERS, SERVICES)
    assert services.list(db=db, municipality="Tuusula", categories=("jalkautuva_tiimi",)) == []
    county = {**COUNTY_SETS_IT, "key": "jalkautuva_tiimi", "municipalities": ["Tuusula"],
              "helps_with": "Työntekijä tulee tapaamaan sinua.", "hours": "ma–pe 9–15"}
    load_content(db, [], parse_services({"services": [county]}))
    shown = services.list(db=db, municipality="Tuusula", categories=("jalkautuva_tiimi",))
    assert [s.name for s in shown] == ["Jalkautuva tiimi"]
    assert services.list(db=db, municipality="Hyvinkää", categories=("jalkautuva_tiimi",)) == []
    line = service_line(shown[0], default_dialogue_texts())
    assert line == "• Jalkautuva tiimi: Työntekijä tulee tapaamaan sinua. ma–pe 9–15."
    db.engine.dispose()
