"""`asumisbotti nlu export-candidates`: assigned inbox messages out for review, never trained on."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from sqlalchemy import select

from bot.cli import main
from bot.paths import PROJECT_ROOT
from bot.services import inbox
from bot.store.models import UnansweredMessage
from tests.conftest import RASA_BIN
from tests.staff import fresh_db

RASA_CHECK = r"""
import json, sys
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.data import is_nlu_file
from rasa.shared.importers.importer import TrainingDataImporter

folder, candidates = sys.argv[1], sys.argv[2]
data = TrainingDataImporter.load_from_dict(training_data_paths=[folder]).get_nlu_data()
print(json.dumps({"nlu": is_nlu_file(candidates),
                  "stories": YAMLStoryReader.is_stories_file(candidates),
                  "texts": sorted(m.get("text") or "" for m in data.intent_examples)}))
"""


def _export(database_url, monkeypatch, tmp_path, capsys):
    db = fresh_db(database_url)
    for text in ("hissi on rikki, soita 0401234567", "hissi on rikki", "kissa asuntoon?",
                 "ei vielä liitetty"):
        inbox.record(db=db, text=text, ranking=[])
    with db.session() as session:
        ids = {r.text: str(r.id) for r in session.scalars(select(UnansweredMessage))}
    inbox.assign(db, ids=[ids["hissi on rikki, soita [puhelinnumero]"], ids["hissi on rikki"]],
                 intent="vuokravelka", intents=["vuokravelka", "asumistuki"], actor="eero")
    inbox.assign(db, ids=[ids["kissa asuntoon?"]], intent="asumistuki",
                 intents=["vuokravelka", "asumistuki"], actor="eero")
    db.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "data" / "candidates.yml"
    assert main(["nlu", "export-candidates", "--out", str(out)]) == 0
    assert "wrote 3 candidate examples" in capsys.readouterr().out
    return out


def test_export_writes_assigned_masked_texts_by_intent(database_url, monkeypatch, tmp_path,
                                                        capsys):
    out = _export(database_url, monkeypatch, tmp_path, capsys)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert set(data) == {"candidates"}  # no `nlu:`, `stories:`, `rules:` or `version:`
    assert data["candidates"] == [
        {"intent": "asumistuki", "examples": [{"text": "kissa asuntoon?", "count": 1}]},
        {"intent": "vuokravelka", "examples": [
            {"text": "hissi on rikki", "count": 1},
            {"text": "hissi on rikki, soita [puhelinnumero]", "count": 1}]},
    ]
    assert "0401234567" not in out.read_text(encoding="utf-8")
    assert "ei vielä liitetty" not in out.read_text(encoding="utf-8")


def test_rasa_does_not_read_the_candidates_as_training_data(database_url, monkeypatch,
                                                            tmp_path, capsys):
    python = RASA_BIN / "python"
    if not python.exists():
        pytest.skip("no Rasa environment (run `make setup`)")
    out = _export(database_url, monkeypatch, tmp_path, capsys)
    (out.parent / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - moikka\n    - terve\n',
        encoding="utf-8")
    result = subprocess.run([str(python), "-c", RASA_CHECK, str(out.parent), str(out)],
                            capture_output=True, text=True, timeout=300, check=True)
    checked = json.loads(result.stdout.strip().splitlines()[-1])
    assert checked == {"nlu": False, "stories": False, "texts": ["moikka", "terve"]}


def test_makefile_never_retrains_on_the_candidates(tmp_path):
    """With the file present, TRAIN_INPUTS lists the other NLU files but not the candidates."""
    (tmp_path / "Makefile").write_text((PROJECT_ROOT / "Makefile").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    for folder in ("domain", "data/nlu", "data/stories", "data/rules"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "data/nlu/raha.yml").write_text("nlu: []\n", encoding="utf-8")
    (tmp_path / "data/nlu/candidates.yml").write_text("candidates: []\n", encoding="utf-8")
    listed = subprocess.run(["make", "-s", "-p", "-n", "help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    inputs = next(line for line in listed.stdout.splitlines()
                  if line.startswith("TRAIN_INPUTS := "))
    assert "data/nlu/raha.yml" in inputs and "candidates.yml" not in inputs
