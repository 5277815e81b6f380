"""Office hours of the outreach team: open or not, and the next opening, in Helsinki time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.office_hours import OfficeHours

HELSINKI = ZoneInfo("Europe/Helsinki")
HOURS = OfficeHours.from_config(
    {"timezone": "Europe/Helsinki", "hours": {0: [8, 15], 1: [8, 15], 4: [8, 13]}}
)


def at(day, hour, minute=0):
    """A moment in November 2026 (Monday 23rd) in Helsinki time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize(("moment", "is_open"), [
    (at(23, 8), True),                                   # Monday at opening
    (at(23, 14, 59), True),
    (at(23, 15), False),                                 # closing hour is not open
    (at(23, 7, 59), False),
    (at(25, 10), False),                                 # Wednesday: no hours
    (at(27, 12), True), (at(27, 13), False),             # Friday's shorter day
    (datetime(2026, 11, 23, 6, 30, tzinfo=UTC), True),   # 8.30 in Helsinki
])
def test_is_open(moment, is_open):
    assert HOURS.is_open(moment) is is_open


@pytest.mark.parametrize(("moment", "opening"), [
    (at(23, 6), at(23, 8)),          # before opening: the same morning
    (at(23, 9), at(24, 8)),          # during hours: the next opening, not now
    (at(24, 16), at(27, 8)),         # Tuesday evening: skips the closed Wednesday and Thursday
    (at(27, 14), at(30, 8)),         # Friday afternoon: Monday
])
def test_next_opening(moment, opening):
    assert HOURS.next_opening(moment) == opening


def test_unset_hours_are_reported_and_have_no_opening():
    unset = OfficeHours.from_config({"timezone": "Europe/Helsinki", "hours": {}})
    assert not unset.is_set and not unset.is_open(at(23, 10))
    with pytest.raises(ValueError):
        unset.next_opening(at(23, 10))
