"""Crisis evaluation logic: loading, tiers from parse results, recall and false alarms."""

import pytest

from bot.nlu_eval import crisis_eval as ce
from bot.safety.crisis import CrisisDetector


def case(text, level="explicit", kind="itsetuho"):
    return ce.EvalCase(text, kind, level)


def negative(text, kind="idiomi"):
    return ce.EvalCase(text, kind, None)


def test_load_cases_reads_positives_and_negatives(tmp_path):
    path = tmp_path / "eval.yml"
    path.write_text(
        "positives:\n  - {text: a, kind: itsetuho, level: explicit}\n"
        "  - {text: b, kind: epasuora, level: indirect}\nnegatives:\n  - {text: c, kind: idiomi}\n",
        encoding="utf-8",
    )
    cases = ce.load_cases(path)
    assert [(c.text, c.positive) for c in cases] == [("a", True), ("b", True), ("c", False)]


def test_load_cases_refuses_a_positive_without_level(tmp_path):
    path = tmp_path / "eval.yml"
    path.write_text("positives:\n  - {text: a, kind: x, level: maybe}\nnegatives: []\n")
    with pytest.raises(ValueError):
        ce.load_cases(path)


@pytest.mark.parametrize(
    ("parse", "tier"),
    [
        ({"intent": {"name": "kriisi"}, "crisis_tier": {"tier": "lexicon"}}, ce.LEXICON),
        (
            {"intent": {"name": "kriisi"}, "crisis_tier": {"tier": "classifier_high"}},
            ce.CLASSIFIER_HIGH,
        ),
        (
            {"intent": {"name": "kriisi_tarkistus"}, "crisis_tier": {"tier": "check_in"}},
            ce.CHECK_IN,
        ),
        ({"intent": {"name": "nlu_fallback"}}, ce.MISSED),
        ({"intent": {"name": "asumistuki"}}, ce.MISSED),
    ],
)
def test_tier_from_parse(parse, tier):
    assert ce.tier_from_parse(parse) == tier


def test_explicit_positive_needs_the_full_answer_indirect_accepts_the_check_in():
    assert not ce.Outcome(case("x"), ce.CHECK_IN).caught
    assert ce.Outcome(case("x"), ce.CLASSIFIER_HIGH).caught
    assert ce.Outcome(case("x", "indirect"), ce.CHECK_IN).caught
    assert not ce.Outcome(case("x", "indirect"), ce.MISSED).caught


def test_score_counts_recall_false_alarms_and_tiers():
    outcomes = [
        ce.Outcome(case("a"), ce.LEXICON),
        ce.Outcome(case("b"), ce.CHECK_IN),  # explicit with only the check-in: a miss
        ce.Outcome(case("c", "indirect", "epasuora"), ce.CHECK_IN),
        ce.Outcome(case("d", "indirect", "epasuora"), ce.MISSED),
        ce.Outcome(negative("e"), ce.MISSED),
        ce.Outcome(negative("f"), ce.CHECK_IN),
    ]
    result = ce.score(outcomes)
    assert (result.caught, result.positives) == (2, 4)
    assert (result.explicit_caught, result.explicit) == (1, 2)
    assert (result.false_alarms, result.negatives) == (1, 2)
    assert result.positive_tiers[ce.CHECK_IN] == 2
    assert [o.case.text for o in result.misses] == ["b", "d"]
    assert result.kind_recall["epasuora"] == (1, 2)
    assert not ce.passed(result)
    markdown = ce.section_markdown("t", result)
    assert "`b` (itsetuho, explicit): check-in" in markdown
    assert "`f` (idiomi): check-in" in markdown


def test_passed_thresholds():
    perfect = ce.score(
        [ce.Outcome(case("a"), ce.LEXICON)]
        + [ce.Outcome(negative(str(i)), ce.MISSED) for i in range(50)]
    )
    assert ce.passed(perfect)
    one_alarm = ce.score(
        [ce.Outcome(case("a"), ce.LEXICON), ce.Outcome(negative("n"), ce.LEXICON)]
        + [ce.Outcome(negative(str(i)), ce.MISSED) for i in range(49)]
    )
    assert one_alarm.false_alarm_rate == pytest.approx(0.02)
    assert ce.passed(one_alarm)
    assert not ce.passed(one_alarm, max_false_alarms=0.01)


def test_model_outcomes_use_the_parse_function():
    parses = {
        "a": {
            "intent": {"name": "kriisi"},
            "crisis_tier": {"tier": "classifier_high", "reason": "classifier:0.91"},
            "intent_ranking": [{"name": "kriisi", "confidence": 0.91}],
        },
        "b": {"intent": {"name": "vuokravelka"}, "intent_ranking": []},
    }
    outcomes = ce.model_outcomes([case("a"), negative("b")], parses.__getitem__)
    assert [(o.tier, o.intent) for o in outcomes] == [
        (ce.CLASSIFIER_HIGH, "kriisi"),
        (ce.MISSED, "vuokravelka"),
    ]
    assert "kriisi 0.91" in outcomes[0].detail


def test_lexicon_outcomes(tmp_path):
    lexicon = tmp_path / "lex.yml"
    lexicon.write_text("categories:\n  vaara:\n    surface: ['\\bvaara']\n", encoding="utf-8")
    detector = CrisisDetector.from_file(lexicon, idioms_path=None)
    outcomes = ce.lexicon_outcomes([case("olen vaarassa"), negative("hyvää päivää")], detector)
    assert [o.tier for o in outcomes] == [ce.LEXICON, ce.MISSED]
