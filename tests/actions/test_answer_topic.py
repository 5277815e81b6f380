"""`action_answer_topic`: stored answers, municipality question, services, defaults when down."""

from rasa_sdk.executor import CollectingDispatcher

from actions.answer_topic import ActionAnswerTopic
from tests.trackers import tracker


async def run(t):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerTopic().run(dispatcher, t, {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events}


async def test_answers_from_the_store_with_next_step_buttons(content_db):
    messages, slots = await run(tracker("vuokravelka"))
    assert messages[0]["text"].startswith("Jos vuokra on jäänyt maksamatta")
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert "/toimeentulotuki" in payloads and "/start_audit" in payloads
    assert 2 <= len(payloads) <= 5
    assert slots["last_topic"] == "vuokravelka" and slots["fallback_count"] == 0


async def test_local_topic_asks_municipality_once_then_answers(content_db):
    messages, slots = await run(tracker("asunnon_haku"))
    assert messages[0]["text"].startswith("Missä kunnassa")
    assert [b["title"] for b in messages[0]["buttons"]][-1] == "Muu kunta"
    assert slots["pending_topic"] == "asunnon_haku"

    reply = tracker(
        "inform_kunta",
        slots={"kunta": "Tuusula", "pending_topic": "asunnon_haku"},
        entities=[{"entity": "kunta", "value": "Tuusula"}],
    )
    messages, slots = await run(reply)
    joined = "\n".join(m["text"] for m in messages)
    assert "Tukuki" in joined and "Tuusulan ja koko alueen palveluja" in joined
    assert "Vaihda kunta" in [b["title"] for b in messages[-1]["buttons"]]
    assert slots["pending_topic"] is None


async def test_known_municipality_gives_local_variant_without_asking(content_db):
    messages, _ = await run(tracker("asunnon_haku", slots={"kunta": "Hyvinkää"}))
    assert "HyVa" in messages[0]["text"]


async def test_unverified_service_shows_link_not_details(content_db):
    messages, _ = await run(tracker("matalan_kynnyksen_palvelut", slots={"kunta": "Järvenpää"}))
    lines = [line for m in messages for line in m["text"].splitlines()]
    line = next(line for line in lines if line.startswith("• Matala"))
    assert "tietoja ei ole tarkistettu" in line and "https://" in line


async def test_other_municipality_gets_general_answer_and_area_services(content_db):
    messages, _ = await run(tracker("asunnon_haku", slots={"kunta": "muu"}))
    assert not messages[0]["text"].startswith("Missä kunnassa")
    assert all("Tukuki" not in m["text"] for m in messages)


async def test_change_button_asks_municipality_again_for_last_topic(content_db):
    t = tracker("inform_kunta", text="/inform_kunta", slots={"kunta": "Tuusula",
                                                            "last_topic": "asunnon_haku"})
    messages, slots = await run(t)
    assert messages[0]["text"].startswith("Missä kunnassa")
    assert slots["pending_topic"] == "asunnon_haku"


async def test_municipality_without_pending_topic_is_acknowledged(content_db):
    t = tracker("inform_kunta", slots={"kunta": "Pornainen"},
                entities=[{"entity": "kunta", "value": "Pornainen"}])
    messages, _ = await run(t)
    assert "Pornaisten" in messages[0]["text"]


async def test_contact_topics_offer_the_form(content_db):
    messages, slots = await run(tracker("human_handoff"))
    assert messages[0]["text"].startswith("Olen botti")
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/affirm", "/deny"]
    assert slots["contact_offered"] is True


async def test_database_down_gives_domain_default_and_marks_it(broken_db):
    messages, slots = await run(tracker("asumistuki"))
    assert len(messages) == 1 and messages[0]["response"] == "utter_asumistuki"
    assert slots["sisalto_saatavilla"] is False


def _kept(db):
    from sqlalchemy import select

    from bot.store.models import UnansweredMessage

    with db.session() as session:
        return [(r.text, r.reason) for r in session.scalars(select(UnansweredMessage))]


async def test_low_confidence_answer_is_kept_masked_for_the_inbox(content_db):
    messages, _ = await run(tracker("vuokravelka", text="vuokra jäi, soita 0401234567",
                                    confidence=0.45))
    assert messages[0]["text"].startswith("Jos vuokra on jäänyt maksamatta")
    assert _kept(content_db) == [("vuokra jäi, soita [puhelinnumero]", "epavarma")]


async def test_confident_answer_and_button_are_not_kept(content_db):
    await run(tracker("vuokravelka", text="vuokra on rästissä", confidence=0.9))
    await run(tracker("vuokravelka", text="/vuokravelka", confidence=0.3))
    assert _kept(content_db) == []
