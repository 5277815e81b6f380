"""Audit floors for imminent homelessness: one answer alone forces at least `korkea`."""

import pytest

from bot.audit.definition import AUDIT_FILE, LEVELS, default_definition
from bot.audit.scoring import score

D = default_definition()

# The mildest answer to every other question: no points, no floor, no acute help.
CALM = {
    "k01_asuminen": "oma", "k02_yopaikka": "kylla", "k03_aiempi": "ei",
    "k04_vuokrasuhde": "ei_ongelmia", "k05_rastit": "ei_yhtaan", "k06_tulot": "riittavat",
    "k07_luottotiedot": "ei", "k08_tuet": "ei", "k09_paihteet": "ei", "k10_hairiot": "ei",
    "k11_hoito": "ei", "k12_tukiverkko": "kylla", "k13_turvallisuus": "ei",
    "k14_erityiset": ["ei_mikaan"], "k15_arvio": "epatodennakoista",
}

IMMINENT = [
    ("k02_yopaikka", "vain_tanaan"),  # a place for tonight, not for the week
    ("k04_vuokrasuhde", "maaraaikainen"),  # fixed-term lease ends within 2 months, no new home
    ("k05_rastit", "yli_kaksi_kk"),  # over 2 months' rent unpaid: a ground for cancellation
]


def test_the_calm_answers_alone_are_low_risk():
    result = score(D, CALM)
    assert (result.level, result.total, result.acute) == ("matala", 0, ())


@pytest.mark.parametrize(("question", "option"), IMMINENT)
def test_imminent_homelessness_answer_sets_the_korkea_floor(question, option):
    assert D.question(question).option(option).floor == "korkea"


@pytest.mark.parametrize(("question", "option"), IMMINENT)
def test_imminent_homelessness_forces_korkea_with_otherwise_calm_answers(question, option):
    result = score(D, {**CALM, question: option})
    assert result.total < D.cutoffs["korkea"]  # the points alone would not reach korkea
    assert result.level == "korkea"
    assert result.offer_contact
    reason = next(r for r in result.reasons if r.option_id == option)
    assert reason.forced == "korkea"


@pytest.mark.parametrize(("question", "option"), IMMINENT)
def test_imminent_homelessness_forces_korkea_when_it_is_the_only_answer(question, option):
    assert score(D, {question: option}).level == "korkea"


@pytest.mark.parametrize(("question", "option"), IMMINENT)
def test_the_floor_never_lowers_an_acute_result(question, option):
    answers = {**CALM, question: option, "k01_asuminen": "ulkona"}
    assert score(D, answers).level == LEVELS[-1]


def test_every_floor_change_is_listed_with_a_reason():
    changes = AUDIT_FILE.read_text(encoding="utf-8").split("\nlevels:")[0]
    for _question, option in IMMINENT:
        assert f"'{option}'" in changes
