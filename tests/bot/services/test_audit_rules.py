"""Rules a candidate audit definition must pass besides the scoring properties."""

from __future__ import annotations

import copy

import pytest

from bot.services.audit_rules import check, default_context
from bot.services.audit_settings import file_definition


@pytest.fixture
def raw():
    return file_definition()


def codes(candidate, base):
    return [p.code for p in check(candidate, base, default_context())[1]]


def test_audit_yml_passes_every_rule(raw):
    definition, problems = check(raw, raw, default_context())
    assert problems == [] and definition is not None


def test_question_ids_are_the_forms_slots_and_options_stay(raw):
    renamed = copy.deepcopy(raw)
    renamed["questions"][0]["id"] = "k01_uusi"
    assert codes(renamed, raw) == ["questions_changed"]
    fewer = copy.deepcopy(raw)
    fewer["questions"][1]["options"].pop()
    assert codes(fewer, raw) == ["option_removed"]


def test_a_definition_that_does_not_load_is_reported(raw):
    broken = copy.deepcopy(raw)
    del broken["professional"]["levels"]["korkea"]
    assert codes(broken, raw) == ["load"]


def test_an_option_that_raises_the_result_must_say_why(raw):
    candidate = copy.deepcopy(raw)
    candidate["questions"][0]["options"][0]["points"] = 1  # "oma": no reason
    assert codes(candidate, raw) == ["reason_missing"]


@pytest.mark.parametrize(("change", "code"), [
    (lambda r: r["levels"]["korkea"]["next_steps"].append("ei_aihetta"), "unknown_topic"),
    (lambda r: r["levels"]["matala"]["services"].append("taikurit"), "unknown_service"),
    (lambda r: r["levels"]["korkea"].update(next_steps=["vuokravelka"]), "steps_count"),
    (lambda r: r["levels"]["korkea"].update(title=" "), "level_text_missing"),
    (lambda r: r.update(retention_days=0), "retention"),
])
def test_routing_and_settings(raw, change, code):
    candidate = copy.deepcopy(raw)
    change(candidate)
    assert codes(candidate, raw) == [code]


def test_every_phone_number_must_be_a_sourced_phone_of_the_directory(raw):
    candidate = copy.deepcopy(raw)
    candidate["acute_help"]["violence"] += " Soita myös 040 123 4567."
    problems = check(candidate, raw, default_context())[1]
    assert [(p.code, p.params["phone"]) for p in problems] == [
        ("phone_unsourced", "040 123 4567")]
    assert "080 005 005" in raw["acute_help"]["violence"]  # Nollalinja: sourced, accepted
