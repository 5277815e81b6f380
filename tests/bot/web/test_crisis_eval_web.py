"""The crisis evaluation set through `/api/chat` with Rasa down: the web app's own lexicon path."""

import pytest

from bot.config import Settings
from bot.nlu_eval import crisis_eval as ce
from bot.paths import PROJECT_ROOT
from bot.safety.crisis import default_detector
from bot.web.main import create_app

CASES = ce.load_cases(PROJECT_ROOT / ce.EVAL_PATH)


@pytest.fixture
def down_client(fake_rasa):
    import httpx
    from fastapi.testclient import TestClient

    fake_rasa.mode = "down"
    app = create_app(
        Settings(rate_limit_per_minute=10_000), transport=httpx.MockTransport(fake_rasa)
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def web_outcomes(client):
    crisis = client.app.state.bot.crisis_reply.text
    outcomes = []
    for number, case in enumerate(CASES):
        sender = f"{number:032x}"
        response = client.post("/api/chat", json={"sender": sender, "message": case.text})
        assert response.status_code == 200, response.text
        first = response.json()["messages"][0]["text"]
        outcomes.append(ce.Outcome(case, ce.LEXICON if first == crisis else ce.MISSED))
    return outcomes


def test_rasa_down_every_explicit_positive_gets_the_crisis_answer(down_client):
    outcomes = web_outcomes(down_client)
    result = ce.score(outcomes)
    missed = [o.case.text for o in result.misses if o.case.level == ce.EXPLICIT]
    assert missed == [] and result.explicit_recall == 1.0
    assert result.false_alarm_rate <= 0.02, [o.case.text for o in result.alarms]
    # The web path is exactly the lexicon-only evaluation that the report shows.
    lexicon = ce.lexicon_outcomes(CASES, default_detector())
    assert [o.tier for o in outcomes] == [o.tier for o in lexicon]
