"""`/hallinta/saapuneet`: editors and admins group, assign, mark and delete unanswered messages."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.services.inbox import record
from bot.store.models import UnansweredMessage
from tests.staff import csrf_of, log_actions, login

PATH = "/hallinta/saapuneet"
RANKING = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "vuokravelka", "confidence": 0.3}]


def _seed(db) -> None:
    for text in ("onks teil saunavuoroja", "onko teillä saunavuoroja?", "voiko kissan pitää",
                 "soita 040 123 4567"):
        record(db=db, text=text, ranking=RANKING)


def _group_ids(html: str, text: str) -> list[str]:
    """The hidden ids of the form of the group whose text is `text`."""
    item = next(part for part in html.split('<li class="inbox-group"') if f"<q>{text}</q>" in part)
    return re.findall(r'name="ids" value="(\d+)"', item)


def _states(db) -> dict[str, tuple[str, str]]:
    with db.session() as session:
        return {r.text: (r.state, r.intent) for r in session.scalars(select(UnansweredMessage))}


def test_roles_editor_and_admin_only(staff):
    assert staff.client.get(PATH, follow_redirects=False).headers["location"] == "/kirjaudu"
    login(staff.client, "tiina@keusote.example")
    assert staff.client.get(PATH).status_code == 403
    assert staff.client.post(f"{PATH}/poista", data={"ids": ["1"]}).status_code == 403
    staff.client.cookies.clear()
    login(staff.client, "admin@keusote.example")
    assert staff.client.get(PATH).status_code == 200


def test_page_groups_similar_texts_with_counts_masks_and_badges(staff):
    _seed(staff.db)
    login(staff.client, "eero@keusote.example")
    front = staff.client.get("/hallinta").text
    assert front.count("4 uutta") == 2  # the header nav and the tool list
    page = staff.client.get(PATH).text
    assert page.count('<li class="inbox-group"') == 3
    assert "2 viestiä" in page and "vuokravelka (30 %)" in page
    assert "<q>soita [puhelinnumero]</q>" in page and "040 123" not in page
    assert page.count(">Uusi</span>") == 3
    again = staff.client.get(PATH).text
    assert ">Uusi</span>" not in again and "4 uutta" not in staff.client.get("/hallinta").text


def test_assign_mark_and_delete_with_csrf_and_log_without_texts(staff):
    _seed(staff.db)
    login(staff.client, "eero@keusote.example")
    page = staff.client.get(PATH).text
    token = csrf_of(page)
    sauna = _group_ids(page, "onko teillä saunavuoroja?")
    cat = _group_ids(page, "voiko kissan pitää")
    phone = _group_ids(page, "soita [puhelinnumero]")
    assert len(sauna) == 2
    refused = staff.client.post(f"{PATH}/liita", data={"ids": sauna, "intent": "vuokravelka"})
    assert refused.status_code == 403
    unknown = staff.client.post(f"{PATH}/liita", data={"csrf_token": token, "ids": sauna,
                                                      "intent": "ei_ole"})
    assert unknown.status_code == 400 and "Valitse aihe" in unknown.text
    done = staff.client.post(f"{PATH}/liita", data={"csrf_token": token, "ids": sauna,
                                                   "intent": "vuokravelka"})
    assert done.status_code == 200 and "liitettiin aiheeseen" in done.text
    assert '<th scope="row">vuokravelka</th><td>2</td>' in done.text
    staff.client.post(f"{PATH}/ulkopuolinen", data={"csrf_token": token, "ids": cat})
    staff.client.post(f"{PATH}/poista", data={"csrf_token": token, "ids": phone})
    assert _states(staff.db) == {
        "onks teil saunavuoroja": ("liitetty", "vuokravelka"),
        "onko teillä saunavuoroja?": ("liitetty", "vuokravelka"),
        "voiko kissan pitää": ("ulkopuolinen", ""),
    }
    entries = [e for e in log_actions(staff.db) if e[1].startswith("inbox")]
    assert entries == [("eero@keusote.example", "inbox_assign", "vuokravelka", "viestejä 2"),
                       ("eero@keusote.example", "inbox_out_of_scope", "", "viestejä 1"),
                       ("eero@keusote.example", "inbox_delete", "", "viestejä 1")]
    assert "Uusia vastaamattomia viestejä ei ole" in staff.client.get(PATH).text


def test_intent_select_lists_the_domain_topics(staff):
    login(staff.client, "admin@keusote.example")
    _seed(staff.db)
    page = staff.client.get(PATH).text
    assert '<option value="vuokravelka">' in page and '<option value="greet">' in page
    assert 'value="nlu_fallback"' not in page
