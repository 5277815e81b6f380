"""`/hallinta`: only editors and admins, each sees the tools of their roles."""

from tests.staff import login


def test_editor_lands_on_the_admin_page_and_sees_no_admin_only_tool(staff):
    response = login(staff.client, "eero@keusote.example")
    assert response.headers["location"] == "/hallinta"
    page = staff.client.get("/hallinta")
    assert page.status_code == 200 and "Vastaukset" in page.text
    assert "Kartoituksen asetukset" not in page.text


def test_admin_sees_every_tool(staff):
    login(staff.client, "admin@keusote.example")
    page = staff.client.get("/hallinta").text
    for tool in ("Vastaukset", "Palveluhakemisto", "Kartoituksen asetukset",
                 "Vastaamattomat viestit", "Tilastot"):
        assert tool in page


def test_professional_gets_403_and_anonymous_is_sent_to_login(staff):
    assert staff.client.get("/hallinta", follow_redirects=False).headers["location"] == "/kirjaudu"
    login(staff.client, "tiina@keusote.example")
    assert staff.client.get("/hallinta").status_code == 403
