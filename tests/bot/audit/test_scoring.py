"""Audit scoring: levels, floors, forced-acute rules, worked examples and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.audit.definition import LEVELS, default_definition, parse_definition
from bot.audit.scoring import DONT_KNOW, SKIPPED, level_for_total, score

D = default_definition()


def rank(level):
    return LEVELS.index(level)


def test_worked_example_kohonnut_from_audit_design():
    answers = {"k01_asuminen": "oma", "k05_rastit": "yksi_kaksi_kk", "k06_tulot": "juuri_ja_juuri",
               "k08_tuet": "kylla", "k15_arvio": "mahdollista"}
    result = score(D, answers)
    assert (result.total, result.level) == (10, "kohonnut")
    assert result.reasons[0].question_id == "k05_rastit"


def test_worked_example_korkea_from_audit_design():
    answers = {"k01_asuminen": "oma", "k04_vuokrasuhde": "irtisanominen",
               "k05_rastit": "yli_kaksi_kk", "k06_tulot": "juuri_ja_juuri", "k08_tuet": "kylla",
               "k15_arvio": "todennakoista"}
    result = score(D, answers)
    assert (result.total, result.level) == (19, "korkea")
    assert result.offer_contact


@pytest.mark.parametrize(("answers", "level"), [
    ({}, "matala"),
    ({"k06_tulot": "eivat_riita", "k07_luottotiedot": "kylla"}, "matala"),
    ({"k06_tulot": "eivat_riita", "k07_luottotiedot": "kylla", "k08_tuet": "kylla"}, "kohonnut"),
    ({"k05_rastit": "alle_kk"}, "matala"),
    ({"k05_rastit": "yksi_kaksi_kk"}, "kohonnut"),  # floor
    ({"k01_asuminen": "kaverin_luona"}, "korkea"),  # floor
    ({"k01_asuminen": "asuntola"}, "korkea"),
    ({"k01_asuminen": "laitos_myohemmin"}, "korkea"),
    ({"k04_vuokrasuhde": "karajaoikeus"}, "korkea"),
    ({"k09_paihteet": "paljon", "k11_hoito": "kylla", "k12_tukiverkko": "ei",
      "k15_arvio": "todennakoista", "k06_tulot": "eivat_riita", "k03_aiempi": "useammin"},
     "korkea"),
])
def test_levels(answers, level):
    assert score(D, answers).level == level


@pytest.mark.parametrize(("question", "option", "help_key"), [
    ("k01_asuminen", "ulkona", "no_place_tonight"),
    ("k01_asuminen", "laitos_pian", "leaving_institution"),
    ("k02_yopaikka", "ei_tanaan", "no_place_tonight"),
    ("k04_vuokrasuhde", "haatopaiva", "eviction_date"),
    ("k13_turvallisuus", "kylla", "violence"),
])
def test_every_forced_acute_rule(question, option, help_key):
    result = score(D, {question: option})
    assert result.level == "akuutti" and help_key in result.acute
    assert result.reasons[0].forced == "akuutti" and result.offer_contact


def test_multi_select_is_capped():
    result = score(D, {"k14_erityiset": ["vankila", "jalkihuolto", "ero", "kieli", "lapsia"]})
    assert result.domain_scores["erityistilanteet"] == D.multi_select_cap


def test_skipped_and_unknown_answers_are_counted_and_noted():
    result = score(D, {"k01_asuminen": SKIPPED, "k05_rastit": DONT_KNOW})
    assert result.unanswered == 15 and result.estimate_may_be_low and result.level == "matala"


def test_cutoffs():
    assert [level_for_total(D, t) for t in (0, 7, 8, 17, 18, 53)] == [
        "matala", "matala", "kohonnut", "kohonnut", "korkea", "korkea"]


def test_maximum_non_acute_score_is_53():
    best = 0
    for question in D.questions:
        points = [o.points for o in question.options if not o.acute]
        best += min(sum(points), D.multi_select_cap) if question.multi else max(points)
    assert best == 53


def test_definition_rejects_unknown_floor():
    import yaml

    from bot.audit.definition import AUDIT_FILE

    raw = yaml.safe_load(AUDIT_FILE.read_text())
    raw["questions"][0]["options"][0]["floor"] = "hirvea"
    with pytest.raises(ValueError, match="floor"):
        parse_definition(raw)


def answer_strategy():
    """Any combination of answers, skips and unknowns."""
    per_question = {}
    for q in D.questions:
        ids = [o.id for o in q.options]
        choice = (st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)
                  if q.multi else st.sampled_from(ids))
        per_question[q.id] = st.one_of(choice, st.just(SKIPPED), st.just(DONT_KNOW), st.none())
    return st.fixed_dictionaries(per_question)


def worse_options(question, option_id):
    option = question.option(option_id)
    return [o.id for o in question.options
            if o.points >= option.points
            and (rank(o.floor or "matala") >= rank(option.floor or "matala") or o.acute)
            and (o.acute or not option.acute)]


@settings(max_examples=300, deadline=None)
@given(answers=answer_strategy(), data=st.data())
def test_worse_answer_never_lowers_the_level(answers, data):
    single = [q for q in D.questions if not q.multi and isinstance(answers[q.id], str)
              and answers[q.id] not in (SKIPPED, DONT_KNOW)]
    if not single:
        return
    question = data.draw(st.sampled_from(single))
    worse = data.draw(st.sampled_from(worse_options(question, answers[question.id])))
    before = score(D, answers).level
    after = score(D, {**answers, question.id: worse}).level
    assert rank(after) >= rank(before)


@settings(max_examples=300, deadline=None)
@given(answers=answer_strategy(), data=st.data())
def test_skipping_a_question_never_raises_the_level(answers, data):
    question = data.draw(st.sampled_from(D.questions))
    before = score(D, answers)
    after = score(D, {**answers, question.id: SKIPPED})
    assert rank(after.level) <= rank(before.level)


@settings(max_examples=300, deadline=None)
@given(answers=answer_strategy())
def test_bounds(answers):
    result = score(D, answers)
    assert 0 <= result.total <= 53 + 4 + 6  # acute options may carry points too
    assert result.level in LEVELS and len(result.reasons) <= 3
    assert 2 <= len(result.next_steps) <= 4
    assert sum(result.domain_scores.values()) == result.total


def test_crisis_statement_during_the_audit_forces_akuutti():
    result = score(D, {"k01_asuminen": "oma"}, crisis_statement=True)
    assert result.level == "akuutti" and result.reasons[0].text == D.crisis_reason
    assert score(D, {"k01_asuminen": "oma"}).level == "matala"
