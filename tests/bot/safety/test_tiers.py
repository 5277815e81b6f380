"""Crisis tiers: lexicon, confident classifier, check-in, idiom veto, and the fallback."""

import pytest
import yaml

from bot.paths import PROJECT_ROOT
from bot.safety.crisis import default_detector
from bot.safety.tiers import CrisisTriage, Thresholds, Tier, default_triage

T = Thresholds(high=0.8, low=0.12, top_n=3, fallback=0.4)


@pytest.fixture
def triage():
    return CrisisTriage(default_detector(), T)


def test_lexicon_wins_whatever_the_classifier_says(triage):
    decision = triage.assess("mä tapan itteni", [("greet", 0.99)])
    assert (decision.tier, decision.intent, decision.confidence) == (Tier.LEXICON, "kriisi", 1.0)
    assert decision.crisis_answer


def test_lexicon_wins_over_an_idiom_in_the_same_message(triage):
    decision = triage.assess("tapan aikaa ja mietin itsemurhaa", [("out_of_scope", 0.9)])
    assert decision.tier is Tier.LEXICON


def test_confident_kriisi_gets_the_crisis_answer(triage):
    decision = triage.assess("asia joka ei ole listassa", [("kriisi", 0.85), ("greet", 0.1)])
    assert (decision.tier, decision.intent) == (Tier.CLASSIFIER_HIGH, "kriisi")


def test_kriisi_below_high_gets_the_check_in_not_the_fallback(triage):
    ranking = [("nlu_fallback", 0.4), ("kriisi", 0.3), ("asunnoton_nyt", 0.25)]
    decision = triage.assess("tilanne on paha", ranking)
    assert (decision.tier, decision.intent) == (Tier.CHECK_IN, "kriisi_tarkistus")
    assert decision.caught and not decision.crisis_answer


def test_kriisi_third_above_low_gets_the_check_in(triage):
    ranking = [("vuokravelka", 0.6), ("asumistuki", 0.2), ("kriisi", 0.13), ("greet", 0.07)]
    assert triage.assess("rahat ei riitä", ranking).tier is Tier.CHECK_IN


def test_kriisi_fourth_or_below_low_is_not_a_check_in(triage):
    fourth = [("a", 0.5), ("b", 0.2), ("c", 0.15), ("kriisi", 0.14)]
    assert triage.assess("x", fourth).tier is Tier.NONE
    low = [("a", 0.8), ("kriisi", 0.1)]
    assert triage.assess("x", low).tier is Tier.NONE


def test_trained_check_in_intent_counts_like_kriisi(triage):
    decision = triage.assess("olo on raskas", [("kriisi_tarkistus", 0.7), ("greet", 0.2)])
    assert decision.tier is Tier.CHECK_IN


def test_distress_cue_gets_the_check_in_whatever_the_classifier_says(triage):
    decision = triage.assess("en jaksa enää", [("stop", 0.95)])
    assert (decision.tier, decision.reason) == (Tier.CHECK_IN, "distress_cue")


def test_idiom_vetoes_a_confident_kriisi_and_keeps_the_next_intent(triage):
    ranking = [("kriisi", 0.9), ("asunnon_haku", 0.06), ("greet", 0.04)]
    decision = triage.assess("tapan aikaa asuntonäytön jonossa", ranking)
    assert decision.tier is Tier.NONE and decision.reason == "idiom_veto"
    assert (decision.intent, decision.confidence) == ("asunnon_haku", 0.6)
    assert [name for name, _ in decision.ranking] == ["asunnon_haku", "greet"]


def test_idiom_veto_falls_back_when_the_next_intent_is_weak(triage):
    ranking = [("kriisi", 0.9), ("a", 0.03), ("b", 0.03), ("c", 0.02), ("d", 0.02)]
    decision = triage.assess("lyön vetoa että joo", ranking)
    assert decision.intent == "nlu_fallback"


def test_idiom_vetoes_the_check_in_from_the_classifier_too(triage):
    ranking = [("hairiot", 0.6), ("kriisi", 0.3)]
    assert triage.assess("naapuri hakkaa seinää", ranking).tier is Tier.NONE


def test_ordinary_message_is_left_alone(triage):
    decision = triage.assess("miten haen asumistukea", [("asumistuki", 0.97), ("kriisi", 0.01)])
    assert (decision.tier, decision.intent) == (Tier.NONE, None)


def test_thresholds_come_from_the_lexicon_file_and_match_config_fallback():
    thresholds = default_triage().thresholds
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert thresholds.fallback == fallback["threshold"]
    assert 0 < thresholds.low < thresholds.fallback <= thresholds.high < 1
    assert thresholds.top_n >= 1


def test_crisis_override_runs_last_in_the_pipeline():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert names[-1] == "bot.nlu.crisis_override.CrisisOverride"
    assert names.index("FallbackClassifier") < names.index(names[-1])
