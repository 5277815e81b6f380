"""The audit through the real stack, to each level in both modes: the text and the stored row."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from bot.audit.scoring import score
from tests.e2e.conversation import (
    PROFESSIONAL,
    REFERENCE,
    SELF,
    all_text,
    audit_texts,
    contact_texts,
    definition,
    lowest_answers,
    run_audit,
    stored_audit,
)
from tests.e2e.stack import new_sender

# Chosen so that each level holds whatever the floors of single options are: MATALA has no
# floor at all, KOHONNUT only the 1–2 months' arrears floor (the design's worked example, 10
# points), KORKEA 20 points on top of its floors, AKUUTTI one forced-acute answer.
LEVEL_ANSWERS = {
    "matala": {},
    "kohonnut": {"k05_rastit": "yksi_kaksi_kk", "k06_tulot": "juuri_ja_juuri",
                 "k08_tuet": "kylla", "k15_arvio": "mahdollista"},
    "korkea": {"k01_asuminen": "kaverin_luona", "k03_aiempi": "kerran",
               "k04_vuokrasuhde": "irtisanominen", "k05_rastit": "yksi_kaksi_kk",
               "k15_arvio": "todennakoista"},
    "akuutti": {"k13_turvallisuus": "kylla"},
}
PROFESSIONAL_ACUTE = {"k04_vuokrasuhde": "haatopaiva"}  # another acute rule in the other mode
CASES = [(level, mode) for level in LEVEL_ANSWERS for mode in (SELF, PROFESSIONAL)]


def answers_for(level: str, mode: str) -> dict[str, str]:
    extra = PROFESSIONAL_ACUTE if (level, mode) == ("akuutti", PROFESSIONAL) else {}
    return {**lowest_answers(), **LEVEL_ANSWERS[level], **extra}


def stored_form(answers: dict[str, str]) -> dict[str, object]:
    """How the action stores the answers: multi-select questions as lists."""
    return {q.id: [answers[q.id]] if q.multi else answers[q.id] for q in definition().questions}


def lifetime(row: dict) -> timedelta:
    return datetime.fromisoformat(row["expires_at"]) - datetime.fromisoformat(row["created_at"])


@pytest.mark.parametrize(("level", "mode"), CASES)
def test_audit_reaches_the_level_stores_it_and_shows_the_summary(stack, level, mode):
    sender, answers = new_sender(), answers_for(level, mode)
    assert score(definition(), answers).level == level  # the answers mean what the name says
    consent = audit_texts()["professional_consent_buttons"][0]
    replies, result = run_audit(stack, sender, mode, answers, consent["title"])

    for question in definition().questions:  # forced-acute help comes at once, then goes on
        acute = question.option(answers[question.id]).acute
        if acute:
            assert definition().acute_help[acute] in all_text(replies[question.id][:-1])
    routing, text = definition().levels[level], all_text(result)
    assert routing.title in result[0]["text"], text
    offer = [b["title"] for b in result[-1].get("buttons") or []]
    contact = contact_texts()
    assert (offer == [contact["yes_button"], contact["no_button"]]) == routing.offer_contact

    code = REFERENCE.search(text).group(1)
    row = stored_audit(stack, code)
    assert (row["mode"], row["level"]) == (mode, level)
    assert row["total"] == score(definition(), answers).total
    assert row["answers"] == stored_form(answers)
    assert row["professional_consent"] == ("kyllä" if mode == PROFESSIONAL else "")
    assert abs(lifetime(row) - timedelta(days=definition().retention_days)) < timedelta(minutes=1)

    page = httpx.get(f"{stack.web}/kartoitus/{code}", timeout=10)
    assert page.status_code == 200 and routing.title in page.text
    assert httpx.post(f"{stack.web}/kartoitus/{code}/poista", timeout=10).status_code == 200
    assert stack.query("select count(*) from audit_results where reference = ?", code) == [(0,)]
