"""The C-parser YAML reader gives what yaml.safe_load gives, errors included."""

import pytest
import yaml

from bot.paths import PROJECT_ROOT
from bot.yaml_files import SAFE_LOADER, parse_yaml, read_yaml

FILES = sorted(p for folder in ("data", "domain", "bot")
               for p in (PROJECT_ROOT / folder).rglob("*.yml"))


def test_the_c_parser_is_used_when_libyaml_is_there():
    assert yaml.__with_libyaml__
    assert SAFE_LOADER is yaml.CSafeLoader


def test_every_yaml_file_of_the_project_reads_the_same_as_safe_load():
    assert len(FILES) > 20
    for path in FILES:
        assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path


BAD = ["a: [1, 2", "key: value\n  bad: indent", "!!python/object:os.system x"]


@pytest.mark.parametrize("text", BAD)
def test_bad_or_unsafe_yaml_raises_a_yaml_error(text):
    with pytest.raises(yaml.YAMLError):
        parse_yaml(text)
