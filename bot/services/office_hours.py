"""When the outreach team can call back: office hours and the next opening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class OfficeHours:
    """Opening hours per weekday (0 = Monday) as [start_hour, end_hour) in one time zone."""

    hours: dict[int, tuple[int, int]]
    zone: ZoneInfo

    @classmethod
    def from_config(cls, config: dict) -> OfficeHours:
        """From the `office_hours` section of dialogue.yml."""
        spans = config.get("hours") or {}
        hours = {int(day): (int(span[0]), int(span[1])) for day, span in spans.items()}
        return cls(hours=hours, zone=ZoneInfo(config["timezone"]))

    @property
    def is_set(self) -> bool:
        """False until the county sets the hours (a deployment setting in dialogue.yml)."""
        return bool(self.hours)

    def is_open(self, moment: datetime) -> bool:
        """True during office hours (`moment` must be timezone-aware)."""
        local = moment.astimezone(self.zone)
        span = self.hours.get(local.weekday())
        return span is not None and span[0] <= local.hour < span[1]

    def next_opening(self, moment: datetime) -> datetime:
        """The next start of office hours after `moment` (local time)."""
        local = moment.astimezone(self.zone)
        for days_ahead in range(0, 8):
            day = (local + timedelta(days=days_ahead)).date()
            span = self.hours.get(day.weekday())
            if not span:
                continue
            opening = datetime(day.year, day.month, day.day, span[0], tzinfo=self.zone)
            if opening > local:
                return opening
        raise ValueError("no office hours configured")
