"""`/hallinta/vastaukset`: list, edit with checks, preview, history with diff, rollback."""

from __future__ import annotations

import re

import pytest

from bot.store import content_versions, topic_answers
from bot.store.content_files import load_answers, load_services
from bot.store.loader import load_content
from tests.staff import csrf_of, log_actions, login

EDITOR = "eero@keusote.example"
PAGE = "/hallinta/vastaukset/muutto"
NEW_TEXT = ("Tee muuttoilmoitus verkossa viimeistään viikon kuluttua muutosta. "
            "Ilmoita muutosta myös Kelalle, jos saat asumistukea.")


@pytest.fixture
def editor(staff):
    load_content(staff.db, load_answers(), load_services())
    login(staff.client, EDITOR)
    return staff


def form_of(html: str) -> dict[str, object]:
    """The edit form's current values as a browser would send them."""
    fields: dict[str, object] = {"csrf_token": csrf_of(html)}
    fields["base_version"] = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    for name, body in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>',
                                 html, re.S):
        fields[name] = body.replace("&#34;", '"').replace("&amp;", "&")
    fields["checked"] = re.search(r'name="checked" value="([^"]*)"', html).group(1)
    for name in ("next_steps", "services"):
        selects = re.findall(rf'<select id="{name}-\d+" name="{name}">(.*?)</select>', html, re.S)
        chosen = [re.search(r'value="([^"]*)" selected', s) for s in selects]
        fields[name] = [m.group(1) for m in chosen if m]
    for flag in ("needs_municipality", "offers_contact"):
        if re.search(rf'name="{flag}" value="1" checked', html):
            fields[flag] = "1"
    return fields


def test_list_shows_every_answer_with_check_date_and_last_editor(editor):
    page = editor.client.get("/hallinta/vastaukset")
    assert page.status_code == 200
    assert 'href="/hallinta/vastaukset/vuokravelka"' in page.text
    assert "Hyvinkää, Pornainen" in page.text  # the municipal variants of asunnon_haku
    assert "tiedostosta ladattu" in page.text


def test_editor_saves_a_new_version_and_the_bot_reads_it_at_once(editor):
    fields = form_of(editor.client.get(PAGE).text)
    fields["text"] = NEW_TEXT
    response = editor.client.post(PAGE, data=fields, follow_redirects=False)
    assert response.status_code == 303 and "tallennettu=2" in response.headers["location"]
    assert topic_answers.get(db=editor.db, intent="muutto").text == NEW_TEXT
    page = editor.client.get(response.headers["location"]).text
    assert "Tallennettu versiona 2" in page and NEW_TEXT in page
    newest = content_versions.list(db=editor.db, kind="answer", key="muutto")[0]
    assert (newest.number, newest.author, newest.origin) == (2, EDITOR, "muokkain")
    assert log_actions(editor.db)[-1] == (EDITOR, "answer_saved", "muutto", "versio 2")
    assert all(NEW_TEXT not in " ".join(entry) for entry in log_actions(editor.db))


def test_save_without_csrf_token_is_refused(editor):
    fields = form_of(editor.client.get(PAGE).text)
    fields["text"] = NEW_TEXT
    del fields["csrf_token"]
    assert editor.client.post(PAGE, data=fields).status_code == 403
    assert topic_answers.get(db=editor.db, intent="muutto").text != NEW_TEXT


def test_professional_gets_403(staff):
    load_content(staff.db, load_answers(), load_services())
    login(staff.client, "tiina@keusote.example")
    assert staff.client.get("/hallinta/vastaukset").status_code == 403
    assert staff.client.get(PAGE).status_code == 403


def test_unsourced_phone_number_is_refused_with_the_input_kept(editor):
    fields = form_of(editor.client.get(PAGE).text)
    fields["text"] = NEW_TEXT + " Soita numeroon 040 123 4567."
    response = editor.client.post(PAGE, data=fields)
    assert response.status_code == 400
    assert "Puhelinnumeroa 040 123 4567 ei ole palveluhakemistossa" in response.text
    assert 'aria-describedby="text-hint text-error" aria-invalid="true"' in response.text
    assert "Soita numeroon 040 123 4567." in response.text  # the input is kept
    assert topic_answers.get(db=editor.db, intent="muutto").text != fields["text"]
    assert len(content_versions.list(db=editor.db, kind="answer", key="muutto")) == 1


def test_a_sourced_directory_phone_may_be_used(editor):
    fields = form_of(editor.client.get(PAGE).text)
    fields["text"] = NEW_TEXT + " Kriisissä soita MIELI Kriisipuhelimeen 09 2525 0111."
    assert editor.client.post(PAGE, data=fields, follow_redirects=False).status_code == 303


@pytest.mark.parametrize(("field", "value", "message"), [
    ("sources", "", "Lisää vähintään yksi lähde."),
    ("sources", "ftp://dvv.fi/muutto", "Linkki ei ole kelvollinen"),
    ("checked", "2099-01-01", "ei voi olla tulevaisuudessa"),
    ("checked", "26.11.2026", "muodossa VVVV-KK-PP"),
    ("checked", "2024-01-01", "yli 12 kuukautta sitten"),
    ("text", "", "Vastausteksti puuttuu."),
])
def test_broken_answers_cannot_be_saved(editor, field, value, message):
    fields = form_of(editor.client.get(PAGE).text)
    fields[field] = value
    response = editor.client.post(PAGE, data=fields)
    assert response.status_code == 400 and message in response.text
    assert f'href="#{field}"' in response.text  # the summary links to the field


def test_a_save_based_on_an_old_version_is_refused(editor):
    html = editor.client.get(PAGE).text
    first, second = form_of(html), form_of(html)
    first["text"] = NEW_TEXT
    assert editor.client.post(PAGE, data=first, follow_redirects=False).status_code == 303
    second["text"] = NEW_TEXT + " Toinen muokkaus."
    response = editor.client.post(PAGE, data=second)
    assert response.status_code == 400 and "Joku muu tallensi" in response.text
    assert topic_answers.get(db=editor.db, intent="muutto").text == NEW_TEXT


def test_history_shows_a_readable_diff_and_rollback_restores_the_text(editor):
    original = topic_answers.get(db=editor.db, intent="muutto").text
    fields = form_of(editor.client.get(PAGE).text)
    fields["text"] = NEW_TEXT
    editor.client.post(PAGE, data=fields)
    history = editor.client.get(PAGE + "/historia")
    assert history.status_code == 200
    assert "<del><span class=\"visually-hidden\">[poistettu: </span>Muuttoilmoitus" in history.text
    assert "<ins><span class=\"visually-hidden\">[lisätty: </span>Tee" in history.text
    assert "Palauta versio 1" in history.text and "Palauta versio 2" not in history.text
    token = csrf_of(history.text)
    assert editor.client.post(PAGE + "/palauta", data={"number": 1}).status_code == 403
    response = editor.client.post(PAGE + "/palauta", data={"number": 1, "csrf_token": token},
                                  follow_redirects=False)
    assert response.status_code == 303
    assert topic_answers.get(db=editor.db, intent="muutto").text == original
    newest = content_versions.list(db=editor.db, kind="answer", key="muutto")[0]
    assert (newest.number, newest.origin, newest.restored_from) == (3, "palautus", 1)
    assert log_actions(editor.db)[-1] == (EDITOR, "answer_restored", "muutto",
                                          "versio 3 (versiosta 1)")


def test_preview_renders_the_unsaved_answer_as_chat_messages(editor):
    fields = form_of(editor.client.get("/hallinta/vastaukset/asunnon_haku").text)
    fields["variant-Tuusula"] = "Tuusulassa hae asuntoa Tukukilta: https://tukuki.fi/residents-guide/"
    fields["preview_municipality"] = "Tuusula"
    response = editor.client.post("/hallinta/vastaukset/asunnon_haku/esikatselu", data=fields,
                                  headers={"X-Esikatselu": "1"})
    assert response.status_code == 200
    assert response.text.count('class="msg bot"') >= 2  # the answer and the service list
    assert ('Tuusulassa hae asuntoa Tukukilta: <a href="https://tukuki.fi/residents-guide/"'
            in response.text)
    assert "Vaihda kunta" in response.text  # the chat's own button after a service list
    assert "<html" not in response.text
    # The variant was previewed, not saved.
    assert topic_answers.get(db=editor.db, intent="asunnon_haku", municipality="Tuusula").text \
        != fields["variant-Tuusula"]


def test_unknown_answer_is_404(editor):
    assert editor.client.get("/hallinta/vastaukset/ei_ole").status_code == 404
