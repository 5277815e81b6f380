"""Loading audit.yml: professional wordings are required wherever a resident wording exists."""

import copy

import pytest
import yaml

from bot.audit.definition import AUDIT_FILE, parse_definition


@pytest.fixture
def raw():
    return yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))


def test_every_reason_and_level_has_a_professional_wording(raw):
    definition = parse_definition(raw)
    for question in definition.questions:
        for option in question.options:
            assert bool(option.reason) == bool(option.reason_professional), option.id
            assert option.reason_for(True) == option.reason_professional
            assert option.reason_for(False) == option.reason
    for routing in definition.levels.values():
        assert routing.summary_for(True) != routing.summary_for(False)


def test_missing_professional_reason_is_refused(raw):
    broken = copy.deepcopy(raw)
    del broken["professional"]["reasons"]["k05_rastit"]["yli_kaksi_kk"]
    with pytest.raises(ValueError, match="k05_rastit/yli_kaksi_kk"):
        parse_definition(broken)


def test_missing_professional_level_summary_is_refused(raw):
    broken = copy.deepcopy(raw)
    del broken["professional"]["levels"]["korkea"]
    with pytest.raises(ValueError, match="professional summary"):
        parse_definition(broken)


def test_every_cue_word_is_text_in_the_file(raw):
    # YAML reads a bare `on`, `yes` or `no` as a boolean: "on" (= "is") must be quoted.
    for question in raw["questions"]:
        for option in question["options"]:
            for word in option.get("words") or []:
                assert isinstance(word, str), (question["id"], option["id"], word)
