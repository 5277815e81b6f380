"""The cross-validation twin of config.yml measures exactly the deployed pipeline."""

import yaml

from bot.paths import PROJECT_ROOT


def _pipeline(name: str) -> list[dict]:
    return yaml.safe_load((PROJECT_ROOT / name).read_text(encoding="utf-8"))["pipeline"]


def test_ensemble_cv_is_config_yml_plus_report_sources():
    deployed = _pipeline("config.yml")
    twin = _pipeline("eval/pipelines/ensemble_cv.yml")
    for component in twin:
        if component["name"] == "bot.nlu.ensemble.DietLinearEnsemble":
            assert component.pop("report_sources") is True
    assert twin == deployed


def test_crisis_override_is_last_and_fallback_right_before_it():
    names = [c["name"] for c in _pipeline("config.yml")]
    assert names[-1] == "bot.nlu.crisis_override.CrisisOverride"
    assert names[-2] == "FallbackClassifier"
    assert names.index("bot.nlu.ensemble.DietLinearEnsemble") == names.index("DIETClassifier") + 1
