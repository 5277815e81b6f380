"""Content files: every topic has an answer with sources and a check date; links and phones."""

from datetime import date

import pytest
import yaml

from bot.municipalities import MUNICIPALITIES
from bot.paths import PROJECT_ROOT
from bot.services.topics import default_catalogue
from bot.store.content_files import (
    ContentError,
    check_phone_sources,
    load_answers,
    load_services,
    parse_answers,
    parse_services,
)


def domain_intents() -> set[str]:
    return set(yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["intents"])


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
