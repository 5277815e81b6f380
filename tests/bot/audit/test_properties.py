"""The property check of a candidate definition: it passes audit.yml and finds every breach."""

import copy

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.audit import properties
from bot.audit.definition import AUDIT_FILE, LEVELS, default_definition, parse_definition
from bot.audit.scoring import SKIPPED, score


@pytest.fixture
def raw():
    return yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))


def option(raw, question_id, option_id):
    question = next(q for q in raw["questions"] if q["id"] == question_id)
    return next(o for o in question["options"] if o["id"] == option_id)


def rules(violations):
    return [(v.rule, v.question_id) for v in violations]


def test_the_definition_in_use_has_every_property():
    assert properties.check(default_definition()) == []


def test_a_later_option_that_scores_lower_is_caught_with_an_example(raw):
    court = option(raw, "k04_vuokrasuhde", "karajaoikeus")
    court["points"] = 0
    court.pop("floor")
    definition = parse_definition(raw)
    (violation,) = properties.check(definition)
    assert (violation.rule, violation.question_id) == ("worse_lowers", "k04_vuokrasuhde")
    assert (violation.other, violation.option) == ("irtisanominen", "karajaoikeus")
    milder = score(definition, {**violation.answers, "k04_vuokrasuhde": "irtisanominen"})
    worse = score(definition, {**violation.answers, "k04_vuokrasuhde": "karajaoikeus"})
    assert (milder.level, worse.level) == violation.levels
    assert LEVELS.index(worse.level) < LEVELS.index(milder.level)


def test_a_lower_total_that_never_crosses_a_cut_off_is_no_breach(raw):
    """asuntola (6) before laitos_myohemmin (5): both have the floor korkea."""
    assert option(raw, "k01_asuminen", "asuntola")["points"] == 6
    assert option(raw, "k01_asuminen", "laitos_myohemmin")["points"] == 5
    assert properties.check(parse_definition(raw)) == []


def test_negative_points_break_skipping_and_bounds(raw):
    option(raw, "k06_tulot", "juuri_ja_juuri")["points"] = -2
    found = rules(properties.check(parse_definition(raw)))
    assert ("skip_raises", "k06_tulot") in found
    assert ("below_zero", "k06_tulot") in found


def test_adding_a_choice_of_a_multi_select_must_not_lower_the_level(raw):
    option(raw, "k14_erityiset", "ei_mikaan")["points"] = -3
    found = rules(properties.check(parse_definition(raw)))
    assert ("multi_lowers", "k14_erityiset") in found


@pytest.mark.parametrize(("cutoffs", "rule"), [
    ({"kohonnut": 18, "korkea": 8}, "cutoff_order"),
    ({"kohonnut": 0, "korkea": 18}, "cutoff_order"),
    ({"kohonnut": 8, "korkea": 54}, "korkea_unreachable"),
])
def test_cut_offs_out_of_order_or_out_of_reach(raw, cutoffs, rule):
    raw["cutoffs"] = cutoffs
    assert (rule, "") in rules(properties.check(parse_definition(raw)))


def test_korkea_at_the_maximum_score_is_reachable(raw):
    raw["cutoffs"] = {"kohonnut": 8, "korkea": 53}
    assert properties.check(parse_definition(raw)) == []


SINGLE = [(q.id, [o.id for o in q.options]) for q in default_definition().questions
          if not q.multi]


@st.composite
def mutated(draw):
    """audit.yml with random points and floors on a few options."""
    data = yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        question_id, option_ids = draw(st.sampled_from(SINGLE))
        chosen = option(data, question_id, draw(st.sampled_from(option_ids)))
        chosen["points"] = draw(st.integers(-2, 8))
        floor = draw(st.sampled_from([None, "kohonnut", "korkea"]))
        chosen.pop("floor", None)
        if floor:
            chosen["floor"] = floor
        chosen.setdefault("reason", "Syy.")
    return parse_definition(add_professional_reasons(data))


def add_professional_reasons(data):
    reasons = data["professional"]["reasons"]
    for question in data["questions"]:
        for item in question["options"]:
            if item.get("reason"):
                reasons.setdefault(question["id"], {}).setdefault(item["id"], "Syy.")
    return data


def answer_sets(definition):
    per_question = {}
    for q in definition.questions:
        ids = [o.id for o in q.options]
        choice = (st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)
                  if q.multi else st.sampled_from(ids))
        per_question[q.id] = st.one_of(choice, st.just(SKIPPED))
    return st.fixed_dictionaries(per_question)


@settings(max_examples=30, deadline=None)
@given(definition=mutated(), data=st.data())
def test_a_definition_that_passes_never_breaks_the_properties_on_random_answers(
        definition, data):
    """Cross-check against the real scoring: a passed definition holds on sampled answers."""
    ordering = [v for v in properties.check(definition, samples=0)
                if v.rule in ("worse_lowers", "skip_raises")]
    answers = data.draw(answer_sets(definition))
    question_id, option_ids = data.draw(st.sampled_from(SINGLE))
    if ordering:
        for violation in ordering:  # each reported breach is real
            milder = violation.other if violation.other is not None else SKIPPED
            before = score(definition, {**violation.answers, violation.question_id: milder})
            after = score(definition, {**violation.answers,
                                       violation.question_id: violation.option})
            assert LEVELS.index(after.level) < LEVELS.index(before.level)
        return
    level = [LEVELS.index(score(definition, {**answers, question_id: o}).level)
             for o in option_ids]
    assert level == sorted(level)  # later (worse) options never lower the level
    skipped = LEVELS.index(score(definition, {**answers, question_id: SKIPPED}).level)
    assert skipped <= min(level)


def test_the_check_is_fast_enough_for_a_save():
    import time

    started = time.monotonic()
    properties.check(copy.deepcopy(default_definition()))
    assert time.monotonic() - started < 3.0
