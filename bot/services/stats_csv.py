"""The statistics report as CSV: the same suppressed cells as the page, never a raw count."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from bot.services.statistics import StatsReport
from bot.services.stats_tables import SMALL, Cell, Table


def cell_text(cell: Cell, texts: Mapping[str, Any]) -> str:
    """A count as printed: the number, '< 5' or 'piilotettu'."""
    if cell.shown:
        return str(cell.value)
    return str(texts["small"] if cell.state == SMALL else texts["hidden"])


def _table_rows(data: Table, texts: Mapping[str, Any]) -> Iterator[list[str]]:
    title = texts["sections"][data.key]
    for row in data.rows:
        yield [title, " · ".join(row.labels), cell_text(row.cell, texts)]
    if data.total is not None:
        yield [title, texts["total"], cell_text(data.total, texts)]


def summary_rows(report: StatsReport, texts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Fallback share and contact requests as (label, printed value) pairs."""
    rate, contacts = report.fallback, report.contacts
    fb, cr = texts["fallback_rows"], texts["contact_rows"]
    percent = (fb["rate_value"].format(percent=f"{rate.percent:.1f}".replace(".", ","))
               if rate.percent is not None else fb["rate_missing"])
    median = (cr["median_value"].format(days=f"{contacts.median_days:g}".replace(".", ","))
              if contacts.median_days is not None else cr["median_missing"])
    return [
        (fb["fallbacks"], cell_text(rate.fallbacks, texts)),
        (fb["answered"], cell_text(rate.answered, texts)),
        (fb["rate"], percent),
        (cr["created"], cell_text(contacts.created, texts)),
        (cr["handled"], cell_text(contacts.handled, texts)),
        (cr["median"], median),
    ]


def report_csv(report: StatsReport, texts: Mapping[str, Any]) -> str:
    """Every table of the page, one line per cell, small cells suppressed as on the page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(texts["csv_header"])
    writer.writerow([texts["range"].format(start=report.start.isoformat(),
                                           end=report.end.isoformat()), "", ""])
    for data in (report.conversations, report.topics, report.topics_detail, report.levels,
                 report.levels_detail, report.safety):
        writer.writerows(_table_rows(data, texts))
    for index, (label, value) in enumerate(summary_rows(report, texts)):
        section = texts["sections"]["fallback" if index < 3 else "contacts"]
        writer.writerow([section, label, value])
    return buffer.getvalue()
