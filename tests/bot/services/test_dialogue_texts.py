"""dialogue.yml: sections load with normalised whitespace; professional audit wording overlays."""

from bot.paths import CONTENT_DIR
from bot.services.dialogue_texts import DialogueTexts, audit_texts_for, default_dialogue_texts


def test_sections_are_loaded_and_whitespace_is_normalised():
    texts = DialogueTexts.from_file(CONTENT_DIR / "dialogue.yml")
    for section in (texts.municipality, texts.services, texts.contact, texts.audit):
        assert section
    assert "\n" not in texts.audit["intro"] and "  " not in texts.audit["intro"]
    assert all(q["text"] and "\n" not in q["text"] for q in texts.questions.values())


def test_genitive_of_a_listed_municipality_and_fallback_to_the_name():
    texts = default_dialogue_texts()
    assert texts.genitive("Hyvinkää") == "Hyvinkään"
    assert texts.genitive("Tampere") == "Tampere"


def test_resident_audit_texts_are_unchanged():
    audit = default_dialogue_texts().audit
    assert audit_texts_for(audit, professional=False) is audit


def test_professional_audit_texts_replace_the_resident_wording():
    audit = default_dialogue_texts().audit
    pro = audit_texts_for(audit, professional=True)
    for key in audit["professional"]:
        assert pro[key] != audit.get(key)
    assert "Asiakkaan" in pro["no_reasons"] and "Vastauksissasi" in audit["no_reasons"]
    assert pro["result_header"] == audit["result_header"]  # keys without a variant stay
