"""Domain responses and web texts that the app reads at start."""

import pytest

from bot.config import Settings
from bot.services.content import WebTexts, load_domain_response


def test_crisis_response_has_all_crisis_numbers():
    reply = load_domain_response(Settings().domain_path, "utter_kriisi")
    for number in ("112", "09 2525 0111", "080 005 005"):
        assert number in reply.text


def test_missing_response_is_a_clear_error(tmp_path):
    domain = tmp_path / "domain.yml"
    domain.write_text("responses: {}\n", encoding="utf-8")
    with pytest.raises(KeyError, match="utter_x"):
        load_domain_response(domain, "utter_x")


def test_unknown_error_code_falls_back_to_generic_text():
    texts = WebTexts.from_file(Settings().web_content_path)
    assert texts.error("no-such-code") == texts.error("internal")
    assert "1000" in texts.error("too_long")
