"""`asumisbotti content load` keeps editor edits unless --force; `content export` writes them."""

from __future__ import annotations

import shutil

import pytest

from bot.cli import main
from bot.config import Settings
from bot.paths import CONTENT_DIR, DOMAIN_DIR
from bot.services.content_editor import editor_rules, save_answer
from bot.store import content_entries, topic_answers
from bot.store.content_data import answer_data
from bot.store.content_files import load_answers
from bot.store.db import Database

NEW_TEXT = "Tee muuttoilmoitus verkossa. Ilmoita muutosta myös Kelalle, jos saat asumistukea."


@pytest.fixture
def loaded(tmp_path, monkeypatch, capsys):
    """A loaded SQLite database, content files copied to a temporary folder."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    real = (CONTENT_DIR / "answers.yml").read_text(encoding="utf-8")
    monkeypatch.setattr("bot.store.content_files.CONTENT_DIR", content)
    monkeypatch.setattr("bot.store.content_export.CONTENT_DIR", content)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["content", "load"]) == 0
    db = Database.from_settings(Settings.from_env())
    with db.session() as session:
        data = answer_data(content_entries.get_answer(session=session, intent="muutto"))
    rules = editor_rules(DOMAIN_DIR)
    assert save_answer(db, intent="muutto", data={**data, "text": NEW_TEXT}, author="eero",
                       rules=rules).saved
    capsys.readouterr()
    yield db, content
    db.engine.dispose()
    assert (CONTENT_DIR / "answers.yml").read_text(encoding="utf-8") == real, "repository touched"


def test_load_says_what_it_skipped_and_keeps_the_edit(loaded, capsys):
    db, _ = loaded
    assert main(["content", "load"]) == 0
    captured = capsys.readouterr()
    assert "content skipped: answer muutto was edited in the content editor" in captured.err
    assert "eero" in captured.err and "1 skipped" in captured.out
    assert topic_answers.get(db=db, intent="muutto").text == NEW_TEXT


def test_force_overwrites_the_edit(loaded, capsys):
    db, _ = loaded
    assert main(["content", "load", "--force"]) == 0
    assert "1 updated" in capsys.readouterr().out
    assert topic_answers.get(db=db, intent="muutto").text != NEW_TEXT


def test_export_writes_the_edit_and_loading_the_export_changes_nothing(loaded, capsys):
    db, content = loaded
    before = (content / "services.yml").read_text(encoding="utf-8")
    assert main(["content", "export"]) == 0
    assert "answers.yml 1 changed ['muutto']" in capsys.readouterr().out
    text = (content / "answers.yml").read_text(encoding="utf-8")
    exported = {a.intent: a for a in load_answers(content / "answers.yml")}
    assert exported["muutto"].text == NEW_TEXT
    assert (content / "services.yml").read_text(encoding="utf-8") == before
    original = (CONTENT_DIR / "answers.yml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in text.splitlines() if line not in original]
    assert 0 < len(changed) <= 4  # only the edited text's lines differ
    assert main(["content", "load"]) == 0
    out = capsys.readouterr()
    assert "0 added, 0 updated" in out.out and "skipped" not in out.err
    assert main(["content", "export"]) == 0
    assert "answers.yml 0 changed" in capsys.readouterr().out
