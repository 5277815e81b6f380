"""The service directory in the database: local first, area-wide after, one record shape."""

from __future__ import annotations

from bot.municipalities import ANY_MUNICIPALITY
from bot.store import services
from bot.store.content_files import load_answers, load_services
from bot.store.loader import load_content


def test_services_are_local_first_and_area_wide_after(db):
    load_content(db, load_answers(), load_services())
    found = services.list(db=db, municipality="Tuusula",
                          categories=("vuokranantaja", "asumisneuvonta"))
    names = [s.name for s in found]
    assert names[0].startswith("Tuusulan kunnan kiinteistöt")
    assert not any("Hyvinkää" in n for n in names)
    assert any("Keusote" in n for n in names)


def test_any_municipality_lists_only_area_wide_services(db):
    load_content(db, load_answers(), load_services())
    found = services.list(db=db, municipality=ANY_MUNICIPALITY, categories=("asumisneuvonta",))
    assert found and all(ANY_MUNICIPALITY in s.municipalities for s in found)


def test_no_categories_lists_nothing(db):
    load_content(db, load_answers(), load_services())
    assert services.list(db=db, municipality="Tuusula", categories=()) == []


def test_stored_record_is_the_record_the_file_gave(db):
    from_files = [s for s in load_services() if s.is_set]
    load_content(db, load_answers(), from_files)
    assert [services.get(db=db, key=s.key) for s in from_files] == from_files
    assert services.get(db=db, key="ei-ole") is None
