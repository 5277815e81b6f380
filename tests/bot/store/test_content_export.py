"""`content export` edits answers.yml and services.yml in place (no database needed)."""

from __future__ import annotations

import shutil
from dataclasses import replace

from bot.paths import CONTENT_DIR
from bot.store.content_export import export_content
from bot.store.content_files import load_answers, load_services


def test_export_of_the_loaded_files_changes_no_byte(tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path / "c")
    result = export_content(load_answers(), load_services(), tmp_path / "c")
    assert (result.answers_changed, result.services_changed) == ((), ())
    for name in ("answers.yml", "services.yml"):
        assert (tmp_path / "c" / name).read_bytes() == (CONTENT_DIR / name).read_bytes()


def test_only_the_edited_entries_change_and_the_files_parse_back(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(CONTENT_DIR, folder)
    answers = [replace(a, variants={**a.variants, "Tuusula": "Tuusulassa hae Tukukilta."})
               if a.intent == "asunnon_haku" else a for a in load_answers()]
    services = [replace(s, hours="Ma–pe 9–15") if s.key == "hyva" else s
                for s in load_services()]
    result = export_content(answers, services, folder)
    assert result.answers_changed == ("asunnon_haku",)
    assert result.services_changed == ("hyva",)
    assert load_answers(folder / "answers.yml") == answers
    assert load_services(folder / "services.yml") == services
    before = (CONTENT_DIR / "services.yml").read_text(encoding="utf-8").splitlines()
    after = (folder / "services.yml").read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] == ["    hours: Ma–pe 9–15"]
    assert "# --- crisis lines" in (folder / "services.yml").read_text(encoding="utf-8")
