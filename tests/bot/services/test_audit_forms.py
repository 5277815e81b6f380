"""Admin form fields applied to a copy of the audit definition."""

from __future__ import annotations

import pytest

from bot.services import audit_forms
from bot.services.audit_forms import field_name
from bot.services.audit_settings import file_definition


@pytest.fixture
def raw():
    return file_definition()


def question_form(raw, question_id, **changes):
    """The form as the page sends it, with `changes` (field name → value)."""
    question = next(q for q in raw["questions"] if q["id"] == question_id)
    reasons = raw["professional"]["reasons"].get(question_id, {})
    form = {"text": question["text"], "text_professional": question["text_professional"]}
    for option in question["options"]:
        oid = option["id"]
        form.update({
            field_name(oid, "label"): option["label"], field_name(oid, "points"): option["points"],
            field_name(oid, "floor"): option.get("floor", ""),
            field_name(oid, "acute"): option.get("acute", ""),
            field_name(oid, "reason"): option.get("reason", ""),
            field_name(oid, "reason_professional"): reasons.get(oid, ""),
            field_name(oid, "words"): ", ".join(option.get("words", [])),
        })
    return {**form, **changes}


def test_an_unchanged_form_gives_the_same_definition(raw):
    for question in raw["questions"]:
        candidate, problems = audit_forms.apply_question(
            raw, question["id"], question_form(raw, question["id"]))
        assert problems == [] and candidate == raw, question["id"]


def test_texts_points_floor_acute_and_words_are_applied(raw):
    form = question_form(raw, "k04_vuokrasuhde", **{
        "text": "  Missä   vaiheessa vuokrasuhde on?  ",
        field_name("muistutus", "points"): "3",
        field_name("muistutus", "floor"): "kohonnut",
        field_name("irtisanominen", "acute"): "eviction_date",
        field_name("ei_ongelmia", "words"): "ei ongelmia, , kaikki ok",
    })
    candidate, problems = audit_forms.apply_question(raw, "k04_vuokrasuhde", form)
    question = candidate["questions"][3]
    assert problems == [] and question["text"] == "Missä vaiheessa vuokrasuhde on?"
    assert question["options"][1]["points"] == 3 and question["options"][1]["floor"] == "kohonnut"
    assert question["options"][3]["acute"] == "eviction_date"
    assert question["options"][0]["words"] == ["ei ongelmia", "kaikki ok"]
    assert raw["questions"][3]["options"][1]["points"] == 2  # the original is not touched


@pytest.mark.parametrize(("field", "value", "code"), [
    ("points", "kolme", "points_invalid"),
    ("points", "100", "points_invalid"),
    ("floor", "akuutti", "floor_invalid"),
    ("acute", "tuntematon", "acute_invalid"),
    ("reason_professional", "", "reason_professional_missing"),
])
def test_bad_fields_are_problems(raw, field, value, code):
    form = question_form(raw, "k05_rastit", **{field_name("alle_kk", field): value})
    _, problems = audit_forms.apply_question(raw, "k05_rastit", form)
    assert [p.code for p in problems] == [code]
    assert problems[0].params["option"] == "alle_kk"


def test_clearing_a_reason_removes_both_wordings(raw):
    form = question_form(raw, "k03_aiempi", **{field_name("kerran", "reason"): "",
                                               field_name("kerran", "reason_professional"): ""})
    candidate, problems = audit_forms.apply_question(raw, "k03_aiempi", form)
    assert problems == [] and "reason" not in candidate["questions"][2]["options"][1]
    assert "kerran" not in candidate["professional"]["reasons"]["k03_aiempi"]


def test_limits(raw):
    form = {"cutoff_kohonnut": "7", "cutoff_korkea": "20", "multi_select_cap": "5",
            "retention_days": "x"}
    candidate, problems = audit_forms.apply_limits(raw, form)
    assert candidate["cutoffs"] == {"kohonnut": 7, "korkea": 20}
    assert candidate["multi_select_cap"] == 5 and candidate["retention_days"] == 30
    assert [(p.code, p.params["field"]) for p in problems] == [
        ("number_invalid", "retention_days")]


def test_level_routing(raw):
    form = {"title": "Korkea", "summary": "Kuvaus.", "summary_professional": "Asiakas.",
            "next_steps": ["vuokravelka", "sosiaalipalvelut"], "services": ["asumisneuvonta"]}
    candidate, _ = audit_forms.apply_level(raw, "korkea", form)
    level = candidate["levels"]["korkea"]
    assert level["next_steps"] == ["vuokravelka", "sosiaalipalvelut"]
    assert level["offer_contact"] is False and candidate["professional"]["levels"]["korkea"] == (
        "Asiakas.")


def test_advanced_text_round_trips_and_reports_the_broken_line(raw):
    candidate, problems = audit_forms.apply_advanced(audit_forms.as_yaml(raw))
    assert problems == [] and candidate == raw
    _, problems = audit_forms.apply_advanced("cutoffs:\n  kohonnut: [8\nlevels: {}\n")
    assert problems[0].code == "yaml_invalid" and problems[0].params["line"] >= 2
    assert audit_forms.apply_advanced("- vain lista")[1][0].code == "yaml_invalid"
    dated, _ = audit_forms.apply_advanced(audit_forms.as_yaml(raw) + "tarkistettu: 2026-11-26\n")
    assert dated["tarkistettu"] == "2026-11-26"  # a YAML date becomes text for the JSON column
