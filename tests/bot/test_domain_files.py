"""The domain split by area reads back as one domain, as Rasa merges it."""

from bot.domain_files import load_domain
from bot.paths import DOMAIN_DIR


def test_every_area_file_contributes_and_nothing_repeats():
    domain = load_domain()
    assert len(list(DOMAIN_DIR.glob("*.yml"))) >= 5
    for section in ("intents", "entities", "actions"):
        assert len(domain[section]) == len(set(domain[section])), section
    assert "utter_kriisi" in domain["responses"] and "kartoitus_form" in domain["forms"]
    assert domain["session_config"]["session_expiration_time"] == 60


def test_no_area_file_passes_the_size_guideline():
    for path in DOMAIN_DIR.glob("*.yml"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_a_single_file_still_loads(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text("intents: [a]\nresponses:\n  utter_a:\n    - text: x\n", encoding="utf-8")
    assert load_domain(path) == {"intents": ["a"], "responses": {"utter_a": [{"text": "x"}]}}
