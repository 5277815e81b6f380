"""The live audit definition: database first, the file when the database has none or fails."""

import copy
from dataclasses import replace

import pytest
import yaml
from sqlalchemy.exc import OperationalError

from bot.audit import live
from bot.audit.definition import AUDIT_FILE, default_definition
from bot.audit.live import LiveDefinition


class FakeStore:
    """Stands in for bot.store.audit_definitions.get (tested on both databases)."""

    def __init__(self, data=None, error=None):
        self.data, self.error, self.calls = data, error, 0

    def read(self):
        self.calls += 1
        if self.error:
            raise self.error
        return self.data


@pytest.fixture
def raw():
    return yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8"))


def test_database_version_wins_over_the_file(raw):
    edited = copy.deepcopy(raw)
    edited["questions"][0]["text"] = "Muokattu kysymys?"
    definition = LiveDefinition(FakeStore(edited).read).get()
    assert definition.questions[0].text == "Muokattu kysymys?"


def test_empty_database_uses_the_file():
    assert LiveDefinition(FakeStore(None).read).get() == default_definition()


@pytest.mark.parametrize("error", [OperationalError("x", {}, Exception()), KeyError("levels")])
def test_database_failure_falls_back_to_the_file(error):
    assert LiveDefinition(FakeStore(error=error).read).get() == default_definition()


def test_broken_definition_in_database_falls_back_to_the_file(raw):
    broken = copy.deepcopy(raw)
    broken["levels"].pop("korkea")
    assert LiveDefinition(FakeStore(broken).read).get() == default_definition()


def test_a_new_version_is_used_within_seconds_and_parsed_once(raw, monkeypatch):
    store = FakeStore({**raw, "version": 4})
    clock = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    parsed = []
    monkeypatch.setattr(live, "parse_definition", lambda data: parsed.append(data) or replace(
        default_definition(), version=data["version"]))
    definition = LiveDefinition(store.read)
    definition.get()
    definition.get()
    assert store.calls == 1
    clock[0] += live.FRESH_SECONDS + 0.1
    definition.get()
    assert (store.calls, len(parsed)) == (2, 1)  # same version: not parsed again
    store.data = {**raw, "version": 5}
    clock[0] += live.FRESH_SECONDS + 0.1
    definition.get()
    assert (store.calls, len(parsed)) == (3, 2)


def test_the_version_number_reaches_the_definition(raw):
    assert LiveDefinition(FakeStore({**raw, "version": 7}).read).get().version == 7
    assert LiveDefinition(FakeStore(None).read).get().version is None


def test_a_database_failure_is_retried_only_after_a_minute(monkeypatch):
    store = FakeStore(error=OperationalError("x", {}, Exception()))
    clock = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    definition = LiveDefinition(store.read)
    definition.get()
    clock[0] += live.CACHE_SECONDS - 1
    definition.get()
    assert store.calls == 1
    clock[0] += 2
    definition.get()
    assert store.calls == 2
