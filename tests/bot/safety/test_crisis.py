"""The crisis lexicon: what must always trigger, and idioms that must not."""

import pytest

from bot.nlu_eval.dataset import load_examples
from bot.paths import PROJECT_ROOT
from bot.safety.crisis import CrisisDetector, default_detector, normalise

SELF_HARM = [
    "mä haluun kuolla",
    "haluan kuolla",
    "Haluaisin vaan kuolla pois",
    "mietin itsemurhaa",
    "itsemurha-ajatuksia on ollut viime aikoina",
    "mulla on itsetuhoisia ajatuksia",
    "tapan itseni jos mut häädetään",
    "Mulle tulee häätö ja mietin et tapan itteni",
    "taidan tappaa itseni",
    "en jaksa enää elää",
    "en halua enää elää tätä elämää",
    "en mä jaksa elää",
    "ei oo mitään syytä elää",
    "kaikki olis parempi ilman mua",
    "aion päättää päiväni",
    "viiltelen taas",
    "viilsin käsiä eilen",
    "satutan itseäni kun ahdistaa",
    "vedän överit tänään",
    "hyppään junan alle",
    "meinaan hypätä sillalta",
    "toivon että kuolisin",
    "HALUAN KUOLLA!!!",
    "haluan kuolla",
    "i want to kill myself",
    "I want to die",
    "thinking about suicide",
    "i hurt myself",
    "elämä ei oo elämisen arvoista",
    "ei ole enää mitään järkeä elää",
    "otin kaikki lääkkeet",
    "olen kerännyt pillereitä",
    "mulla on köysi valmiina",
    "pelkään että teen jotain itselleni",
    "haluaisin vaan nukahtaa enkä herätä",
    "haluun pois täältä lopullisesti",
    "mietin kuolemaa",
    "haluun vaan lopettaa kaiken",
    "kaikki olisi helpompaa jos olisin kuollut",
    "i'm scared for my life",
]
VIOLENCE = [
    "mies lyö mua",
    "puoliso hakkasi minut eilen",
    "poikaystävä uhkaa tappaa mut",
    "exä uhkailee että tappaa minut",
    "pelkään että hän satuttaa minua",
    "pelkään henkeni puolesta",
    "kotona on väkivaltaa",
    "olen kokenut lähisuhdeväkivaltaa",
    "isä potkii mua",
    "kumppani kuristi minua",
    "naapuri uhkasi puukolla",
    "mun henki on vaarassa",
    "my husband hits me",
    "he threatened to kill me",
    "domestic violence",
    "tapan naapurin kohta",
    "mies pahoinpiteli minut",
    "puoliso heitti mut ulos ja löi",
    "olen vaarassa kotona",
    "pelkään puolisoani",
]
NOT_CRISIS = [
    "tappaa aikaa kirjastossa",
    "tapan aikaa ennen kuin sossu aukeaa",
    "odottaminen on kuolettavan tylsää",
    "väkivaltapeli on ihan ok",
    "pelaan väkivaltapelejä",
    "istuin väkivaltarikoksesta ja vapaudun kohta",
    "vuokranantaja uhkailee häädöllä",
    "mulla on vuokrat rästissä",
    "kuolen nauruun",
    "kuolen nälkään, missä on ruoka-apua",
    "haluan muuttaa pois kotoa",
    "asumistuki loppui",
    "tapasin sosiaaliohjaajan",
    "lyön vetoa että häätö tulee",
    "home tappaa bakteerit",
    "i am in danger of eviction",
    "killing time at the library",
    "ammuin itseäni jalkaan kun allekirjoitin sopimuksen",
    "olen vaarassa menettää asuntoni",
    "lopetan kaiken tupakoinnin",
    "vuokranantaja loi uuden sopimuksen",
    "otin lääkkeet apteekista",
    "",
    "😀😀😀",
]


@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm_expressions_trigger(text):
    match = default_detector().detect(text)
    assert match is not None and match.category == "itsetuho", text


@pytest.mark.parametrize("text", VIOLENCE)
def test_violence_expressions_trigger(text):
    match = default_detector().detect(text)
    assert match is not None and match.category == "vakivalta", text


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_idioms_and_ordinary_housing_talk_do_not_trigger(text):
    assert default_detector().detect(text) is None


@pytest.mark.parametrize(
    ("lemmas", "category"),
    [
        (["minä", "tappaa", "itse"], "itsetuho"),
        (["minä", "haluta", "vain", "kuolla"], "itsetuho"),
        (["minä", "ei", "jaksaa", "enää", "elää"], "itsetuho"),
        (["mies", "lyödä", "minä"], "vakivalta"),
        (["hän", "uhata", "tappaa", "minä"], "vakivalta"),
    ],
)
def test_lemmas_catch_inflections_the_surface_patterns_miss(lemmas, category):
    match = default_detector().detect("xyz", lemmas)
    assert match is not None and match.category == category


def test_lemma_idioms_are_ignored_too():
    assert default_detector().detect("tappaa aikaa", ["tappaa", "aikaa"]) is None


def test_normalise_folds_umlauts_and_punctuation():
    assert normalise("  Häätö!!! Öinen,  ÅLAND ") == "haato oinen oland"


def test_detector_from_custom_lexicon(tmp_path):
    lexicon = tmp_path / "lex.yml"
    lexicon.write_text(
        "ignore: ['\\bhyvaa\\s+vaaraa']\ncategories:\n  vaara:\n    surface: ['\\bvaara']\n",
        encoding="utf-8",
    )
    detector = CrisisDetector.from_file(lexicon)
    assert detector.detect("olen vaarassa").category == "vaara"
    assert detector.detect("hyvää vaaraa") is None


def test_no_non_crisis_training_or_heldout_example_triggers_the_lexicon():
    files = [
        *(PROJECT_ROOT / "data" / "nlu").glob("*.yml"),
        PROJECT_ROOT / "tests/nlu/test_nlu.yml",
    ]
    examples = [e for path in files for e in load_examples(path)]
    false_alarms = [
        e.text for e in examples if e.intent != "kriisi" and default_detector().detect(e.text)
    ]
    assert false_alarms == []
