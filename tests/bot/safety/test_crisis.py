"""The crisis lexicon: what must always trigger, and idioms that must not."""

import re

import pytest

from bot.nlu_eval.dataset import load_examples
from bot.paths import PROJECT_ROOT
from bot.safety.crisis import IDIOMS_PATH, CrisisDetector, default_detector, load_yaml, normalise
from bot.text import fold

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
SLANG_OVERDOSE_METHODS = [
    "oon miettiny itsaria viime päivinä",
    "ittari ajatuksia",
    "itsemurhaa oon miettiny",
    "itsemrha",
    "mä aion tappaa itteni",
    "ajattelin ottaa kaikki mun unipillerit",
    "söin puol purkkia diapameja",
    "vedin just tuplasti subua",
    "otin eilen 40 buranaa",
    "meinaan ottaa kaikki lääkkeeni tänään",
    "olen ottanut paljon lääkkeitä ja alkoholia",
    "nielin just kourallisen pillereitä",
    "join viinaa ja otin tabletit päälle",
    "tekee mieli satuttaa itseään",
    "poltin käsiä tupakalla",
    "tein taas viiltoja",
    "mietin hyppääkö katolta",
    "mulla on köysi kaulassa",
    "tiedän jo miten tapan itseni",
    "aion lopettaa elämäni",
    "aion mennä junaradalle",
    "mulla on veitsi ja ajattelen käyttää sitä itseeni",
    "haluisin olla kuollut",
    "jos mua ei olis, kaikilla ois helpompaa",
    "i took all my pills",
    "i'm going to kill myself",
    "i wanna kms",
]
THREATS_AND_CHILDREN = [
    "mies uhkaa mua puukolla",
    "isäpuoli pahoinpitelee mua",
    "kämppis lyö mua kun se on humalassa",
    "poikaystävä kuristaa mua",
    "mun ex sanoi että tappaa mut",
    "naapuri uhkas ampua mut",
    "veli löi äitiä",
    "pelkään et mies satuttaa lapsia",
    "lasta lyödään naapurissa",
    "naapurissa hakataan lasta",
    "mies pakotti mut seksiin",
    "my boyfriend threatened to kill me",
    "my husband hurt my kids",
    "my roommate attacked me",
]
DISTRESS = [
    "en jaksa enää, oikeesti",
    "mulla on niin raskasta etten jaksa enää",
    "kaikki tuntuu ihan merkityksettömältä",
    "mua ei pian enää ole",
    "ei oo mitään järkeä missään",
    "olen ihan pohjalla nyt",
    "i feel hopeless",
    "haluun vaan luovuttaa kaikesta",
    "im giving up on life",
]
NOT_DISTRESS = [
    "en jaksa enää täyttää näitä lomakkeita",
    "ei oo mitään järkeä hakea sitä asuntoa",
    "luovutan asunnon kuun lopussa",
    "oon ihan loppu tän muuton kanssa",
    "ex jätti mut maksamaan koko vuokran enkä pysty",
    "en kestä tätä meteliä",
]
IDIOMS_IN_SENTENCES = [
    "tapan aikaa bussipysäkillä ennen kuin sossu aukeaa",
    "tämä hakemus on kuolettavan pitkä ja vaikea",
    "lyön vetoa että kela hylkää mun hakemuksen",
    "huoltoyhtiön ilmoitukset lyötiin laimin koko talvena",
    "kämppis hakkaa lattiaa yöllä ja en saa unta",
    "sosiaalityöntekijä ampui mun hakemuksen alas",
    "juoksin henkeni edestä junaan",
    "lyön pääni pantiksi että vuokra nousee",
    "vuokranantaja lyö rahoiksi opiskelijoilla",
    "puhelimen akku kuoli kesken puhelun kelaan",
    "hirttäydyin kiinni vanhaan sopimukseen",
    "this queue is killing me",
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
    "vuokranantajan mies kuoli viime vuonna",
    "otin lääkkeet aamulla normaalisti",
    "ostin apteekista buranaa",
    "vuokranantaja uhkailee mua häädöllä",
    "uhkaavat katkaista netin",
    "otin 2 buranaa päänsärkyyn",
    "otin 20 mg lääkettä niinkuin lääkäri määräsi",
    "menen avantoon saunan jälkeen",
    "hukutan murheet kahviin",
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
    assert normalise("  Häätö!!! Öinen,  ÅLAND ") == "haato oinen aland"


def test_normalise_uses_the_shared_fold_of_bot_text():
    for text in ["Åland", "Järvenpää/Tuusula", "itsemurha-ajatuksia", "ｆｕｌｌ ｗｉｄｔｈ"]:
        assert normalise(text) == " ".join(fold(text).replace("/", " ").replace("-", " ").split())


def test_decomposed_umlauts_are_folded_too():
    assert default_detector().detect("en jaksa ela\u0308a\u0308 ena\u0308a\u0308") is not None


@pytest.mark.parametrize("entry", load_yaml(IDIOMS_PATH)["idioms"], ids=lambda e: e["example"])
def test_every_idiom_matches_its_example(entry):
    assert re.search(entry["pattern"], normalise(entry["example"])), entry


@pytest.mark.parametrize("text", SLANG_OVERDOSE_METHODS)
def test_slang_overdose_and_methods_trigger(text):
    assert default_detector().detect(text) is not None, text


@pytest.mark.parametrize("text", THREATS_AND_CHILDREN)
def test_threats_by_anyone_and_children_in_danger_trigger(text):
    match = default_detector().detect(text)
    assert match is not None and match.category == "vakivalta", text


@pytest.mark.parametrize("text", DISTRESS)
def test_distress_cues_are_not_crisis_but_get_the_check_in(text):
    detector = default_detector()
    assert detector.detect(text) is None and detector.distress(text) is not None, text


@pytest.mark.parametrize("text", NOT_DISTRESS)
def test_everyday_frustration_is_not_a_distress_cue(text):
    detector = default_detector()
    assert detector.detect(text) is None and detector.distress(text) is None, text


@pytest.mark.parametrize("text", IDIOMS_IN_SENTENCES)
def test_idioms_in_longer_sentences_are_recognised_and_do_not_trigger(text):
    detector = default_detector()
    assert detector.idiom(text) is not None and detector.detect(text) is None, text


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
