"""Topic answer messages: text, local services, next-step buttons, contact offer."""

from datetime import date

import pytest

from bot.municipalities import ANY_MUNICIPALITY, MUNICIPALITIES
from bot.services.answer_messages import (
    MAX_NEXT_STEPS,
    municipality_buttons,
    service_line,
    services_municipality,
    services_text,
    topic_reply,
)
from bot.services.dialogue_texts import default_dialogue_texts
from bot.services.topics import default_catalogue
from bot.store.records import ServiceRecord, TopicAnswerRecord

TEXTS = default_dialogue_texts()
CATALOGUE = default_catalogue()
TOPICS = list(CATALOGUE.titles)


def answer(**changes):
    values = dict(intent="vuokravelka", municipality="", text="Vastaus.", sources=("https://x.fi",),
                  checked=date(2026, 11, 26), next_steps=tuple(TOPICS[:6]))
    return TopicAnswerRecord(**{**values, **changes})


def service(**changes):
    values = dict(key="s", name="Asumisneuvonta", helps_with="Vuokrarästit",
                  municipalities=("Tuusula",), categories=("asumisneuvonta",),
                  url="https://palvelu.fi", source="https://palvelu.fi",
                  checked=date(2026, 11, 26), verified=True, phone="09 123 4567", hours="ma-pe")
    return ServiceRecord(**{**values, **changes})


def test_municipality_buttons_are_the_six_and_other():
    buttons = municipality_buttons(TEXTS)
    assert [t for t, _ in buttons[:6]] == list(MUNICIPALITIES)
    assert buttons[-1][1] == '/inform_kunta{"kunta":"muu"}'


def test_verified_service_line_has_phone_hours_and_link():
    line = service_line(service(), TEXTS)
    assert line.startswith("• Asumisneuvonta: Vuokrarästit.")
    assert "09 123 4567" in line and "ma-pe" in line and line.endswith("https://palvelu.fi")


def test_unverified_service_shows_only_name_and_link():
    line = service_line(service(verified=False), TEXTS)
    assert "09 123" not in line and "https://palvelu.fi" in line


def test_county_set_service_without_a_web_page():
    assert not service_line(service(url=""), TEXTS).endswith(" ")


@pytest.mark.parametrize(("municipality", "local"), [("Tuusula", True), ("muu", False),
                                                       (None, False)])
def test_service_header_names_the_municipality_only_when_local(municipality, local):
    header = services_text(municipality, [service()], TEXTS).splitlines()[0]
    assert ("Tuusulan" in header) is local


def test_answer_without_services_has_at_most_four_next_steps():
    replies = topic_reply(answer(), "Tuusula", [], CATALOGUE, TEXTS)
    assert len(replies) == 1 and len(replies[0].buttons) == MAX_NEXT_STEPS


def test_listed_services_add_change_municipality_button():
    replies = topic_reply(answer(), "Tuusula", [service()], CATALOGUE, TEXTS)
    assert len(replies) == 2 and replies[-1].buttons[-1][1] == "/inform_kunta"


def test_answer_that_offers_contact_ends_with_yes_and_no():
    replies = topic_reply(answer(offers_contact=True), None, [], CATALOGUE, TEXTS)
    assert [p for _, p in replies[-1].buttons] == ["/affirm", "/deny"]


@pytest.mark.parametrize(("municipality", "key"), [
    ("Hyvinkää", "Hyvinkää"), ("muu", ANY_MUNICIPALITY), (None, ANY_MUNICIPALITY),
    ("Tampere", ANY_MUNICIPALITY),
])
def test_service_query_municipality(municipality, key):
    assert services_municipality(municipality) == key
