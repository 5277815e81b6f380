"""What changed between two versions of the audit definition, in words and as YAML."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import yaml

from bot.paths import CONTENT_DIR
from bot.services import audit_history
from bot.services.audit_settings import file_definition

TEXTS = yaml.safe_load((CONTENT_DIR / "staff.yml").read_text(encoding="utf-8"))["admin_audit"]


def test_no_changes_between_equal_definitions():
    raw = file_definition()
    assert audit_history.changes(raw, copy.deepcopy(raw)) == []


def test_each_kind_of_change_is_named_in_plain_words():
    before = file_definition()
    after = copy.deepcopy(before)
    after["questions"][0]["text"] = "Missä asut?"
    after["questions"][3]["options"][2]["points"] = 5
    after["professional"]["reasons"]["k04_vuokrasuhde"]["muistutus"] = "Asiakas sai muistutuksen."
    after["cutoffs"]["korkea"] = 17
    after["levels"]["korkea"]["offer_contact"] = False
    after["acute_help"]["violence"] = "Soita 112."
    changes = audit_history.changes(before, after)
    rows = [(audit_history.change_place(c, after, TEXTS), c.field, c.before, c.after)
            for c in changes]
    assert rows == [
        ("Kysymys 1: Missä asut?", "text", "Missä asut tai yövyt nyt?", "Missä asut?"),
        ("Kysymys 4, vaihtoehto ”Maksumuistutus tai varoitus”", "reason_professional",
         "Asiakas on saanut maksumuistutuksen tai varoituksen.", "Asiakas sai muistutuksen."),
        ("Kysymys 4, vaihtoehto ”Määräaikainen sopimus päättyy alle 2 kk:ssa, uutta ei ole”",
         "points", "4", "5"),
        ("Raja: Korkean riskin raja (pistettä vähintään)", "value", "18", "17"),
        ("Taso: Korkea riski", "offer_contact", "true", "false"),
        ("Kiireellinen apu: Väkivalta tai uhka", "text", before["acute_help"]["violence"]
         .replace("\n", " ").strip(), "Soita 112."),
    ]


def test_the_technical_diff_shows_the_yaml_lines():
    before = file_definition()
    after = copy.deepcopy(before)
    after["cutoffs"]["korkea"] = 17
    diff = audit_history.technical_diff(before, after)
    assert "-  korkea: 18" in diff and "+  korkea: 17" in diff


def test_saved_at_is_helsinki_time():
    moment = datetime(2026, 11, 26, 12, 5, tzinfo=timezone.utc)
    assert audit_history.saved_at(moment) == "26.11.2026 14.05"
