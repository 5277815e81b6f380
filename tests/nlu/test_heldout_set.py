"""The held-out set stays held out: enough examples per intent, none seen in training."""

from collections import Counter

from bot.domain_files import load_domain
from bot.nlu_eval.dataset import load_examples
from bot.paths import PROJECT_ROOT
from bot.services.button_payloads import PAYLOAD_ONLY_INTENTS

HELDOUT = PROJECT_ROOT / "tests" / "nlu" / "test_nlu.yml"


def training_examples():
    return [
        e for p in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")) for e in load_examples(p)
    ]


def domain_intents() -> set[str]:
    """Intents people type; those only buttons send (data/nlu/painikkeet.yml) are not asked."""
    domain = load_domain()
    return set(domain["intents"]) - set(PAYLOAD_ONLY_INTENTS)


def test_no_heldout_example_is_in_the_training_data():
    seen = {e.text.lower().strip() for e in training_examples()}
    leaked = [e.text for e in load_examples(HELDOUT) if e.text.lower().strip() in seen]
    assert leaked == []


def test_every_intent_has_at_least_six_heldout_examples():
    counts = Counter(e.intent for e in load_examples(HELDOUT))
    assert set(counts) == domain_intents()
    assert min(counts.values()) >= 6


def test_every_topic_intent_has_at_least_thirty_training_examples():
    counts = Counter(e.intent for e in training_examples() if e.intent not in PAYLOAD_ONLY_INTENTS)
    assert set(counts) == domain_intents()
    assert min(counts.values()) >= 30, counts.most_common()[-5:]


def test_no_training_example_is_labelled_with_two_intents():
    labels: dict[str, set[str]] = {}
    for e in training_examples():
        labels.setdefault(e.text.lower().strip(), set()).add(e.intent)
    assert {t: i for t, i in labels.items() if len(i) > 1} == {}


def test_municipality_annotations_use_the_six_base_forms():
    allowed = {"Hyvinkää", "Järvenpää", "Mäntsälä", "Nurmijärvi", "Pornainen", "Tuusula"}
    values = {v for e in [*training_examples(), *load_examples(HELDOUT)] for _, v in e.entities}
    assert values <= allowed
