"""Audit scoring: levels, floors, forced-acute rules, worked examples and properties."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.audit.definition import LEVELS, default_definition, parse_definition
from bot.audit.scoring import DONT_KNOW, SKIPPED, level_for_total, score

D = default_definition()


def rank(level):
    return LEVELS.index(level or "matala")


# Points, floor and forced-acute help of every option, written out from ../shared/AUDIT-DESIGN.md
# §4.2 (not read from audit.yml), with the changes audit.yml lists: Q1's institution option split
# in two, and the floor korkea for vain_tanaan, maaraaikainen and yli_kaksi_kk (issue 16).
# An acute option forces AKUUTTI whatever its points, so the design gives it none (None here).
DESIGN = {
    "k01_asuminen": {"oma": (0, None, None), "ilman_sopimusta": (2, None, None),
                     "kaverin_luona": (5, "korkea", None), "asuntola": (6, "korkea", None),
                     "laitos_myohemmin": (5, "korkea", None),
                     "laitos_pian": (None, None, "leaving_institution"),
                     "ulkona": (None, None, "no_place_tonight")},
    "k02_yopaikka": {"kylla": (0, None, None), "vain_tanaan": (4, "korkea", None),
                     "ei_tanaan": (None, None, "no_place_tonight")},
    "k03_aiempi": {"ei": (0, None, None), "kerran": (2, None, None),
                   "useammin": (3, None, None)},
    "k04_vuokrasuhde": {"ei_ongelmia": (0, None, None), "muistutus": (2, None, None),
                        "maaraaikainen": (4, "korkea", None),
                        "irtisanominen": (5, "korkea", None),
                        "karajaoikeus": (6, "korkea", None),
                        "haatopaiva": (None, None, "eviction_date")},
    "k05_rastit": {"ei_yhtaan": (0, None, None), "alle_kk": (2, None, None),
                   "yksi_kaksi_kk": (4, "kohonnut", None), "yli_kaksi_kk": (6, "korkea", None)},
    "k06_tulot": {"riittavat": (0, None, None), "juuri_ja_juuri": (1, None, None),
                  "eivat_riita": (3, None, None)},
    "k07_luottotiedot": {"ei": (0, None, None), "en_tieda_onko": (1, None, None),
                         "kylla": (2, None, None)},
    "k08_tuet": {"ei": (0, None, None), "ei_hakenut": (2, None, None), "kylla": (3, None, None)},
    "k09_paihteet": {"ei": (0, None, None), "jonkin_verran": (2, None, None),
                     "paljon": (4, None, None)},
    "k10_hairiot": {"ei": (0, None, None), "kylla": (2, None, None)},
    "k11_hoito": {"ei": (0, None, None), "kylla": (2, None, None)},
    "k12_tukiverkko": {"kylla": (0, None, None), "ehka": (1, None, None), "ei": (2, None, None)},
    "k13_turvallisuus": {"ei": (0, None, None), "kylla": (None, None, "violence")},
    "k14_erityiset": {"vankila": (3, None, None), "jalkihuolto": (2, None, None),
                      "ero": (2, None, None), "kieli": (2, None, None), "lapsia": (2, None, None),
                      "ei_mikaan": (0, None, None)},
    "k15_arvio": {"epatodennakoista": (0, None, None), "mahdollista": (2, None, None),
                  "todennakoista": (4, None, None)},
}
DESIGN_OPTIONS = [(q, o) for q, options in DESIGN.items() for o in options]


def test_the_design_table_covers_every_question_and_option():
    assert list(DESIGN) == list(D.question_ids)
    for question in D.questions:
        assert [o.id for o in question.options] == list(DESIGN[question.id]), question.id


@pytest.mark.parametrize(("question_id", "option_id"), DESIGN_OPTIONS)
def test_each_option_alone_scores_as_designed(question_id, option_id):
    points, floor, acute = DESIGN[question_id][option_id]
    answer = [option_id] if D.question(question_id).multi else option_id
    result = score(D, {question_id: answer})
    if acute:
        assert result.level == "akuutti" and result.acute == (acute,)
    else:
        assert result.total == points and result.acute == ()
        assert result.level == (floor or level_for_total(D, points))


KOHONNUT_BASE = {"k06_tulot": "eivat_riita", "k08_tuet": "kylla", "k12_tukiverkko": "ei"}  # 8


@pytest.mark.parametrize(
    ("question_id", "option_id"), [(q, o) for q, o in DESIGN_OPTIONS if q not in KOHONNUT_BASE]
)
def test_each_option_on_top_of_a_kohonnut_base_keeps_its_weight(question_id, option_id):
    """Points add to the base; a floor raises the level but never lowers it."""
    points, floor, acute = DESIGN[question_id][option_id]
    answer = [option_id] if D.question(question_id).multi else option_id
    result = score(D, {**KOHONNUT_BASE, question_id: answer})
    if acute:
        assert result.level == "akuutti"
    else:
        assert result.total == 8 + points
        assert rank(result.level) == max(rank(floor), rank(level_for_total(D, 8 + points)))


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


def design_is_at_least_as_bad(worse, than):
    """By the design table: the level can only go up from `than` to `worse`."""
    points_w, floor_w, acute_w = worse
    points_t, floor_t, acute_t = than
    if acute_w:
        return True
    return not acute_t and points_w >= points_t and rank(floor_w) >= rank(floor_t)


def worse_options(question_id, option_id):
    """Other options of the question that the design rates at least as bad."""
    options = DESIGN[question_id]
    return [o for o in options
            if o != option_id and design_is_at_least_as_bad(options[o], options[option_id])]


@settings(max_examples=300, deadline=None)
@given(answers=answer_strategy(), data=st.data())
def test_worse_answer_never_lowers_the_level(answers, data):
    single = [q.id for q in D.questions if not q.multi and isinstance(answers[q.id], str)
              and answers[q.id] not in (SKIPPED, DONT_KNOW)
              and worse_options(q.id, answers[q.id])]
    assume(single)
    question_id = data.draw(st.sampled_from(single))
    worse = data.draw(st.sampled_from(worse_options(question_id, answers[question_id])))
    assert worse != answers[question_id]
    before = score(D, answers).level
    after = score(D, {**answers, question_id: worse}).level
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
