"""Bar charts of the statistics drawn as SVG on the server (no script, no CDN, CSP-safe)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.stats_tables import Table

ROW_HEIGHT = 38  # px: a label line and a bar under it
LABEL_Y = 14
BAR_Y = 20
BAR_HEIGHT = 12
BAR_SPACE = 85.0  # % of the width the longest bar takes; the value is written after it


@dataclass(frozen=True)
class Bar:
    """One bar: its label, where it is drawn and the text after it (a number or '< 5')."""

    label: str
    y: int
    width: float  # % of the chart width; 0 for a suppressed count (no bar is drawn)
    value: str


@dataclass(frozen=True)
class Chart:
    """The bars of a table and the SVG's height in px."""

    bars: tuple[Bar, ...]
    height: int


def bar_chart(data: Table, small_text: str, hidden_text: str) -> Chart:
    """Bars of the table's rows; suppressed counts get no bar, only their mark."""
    largest = max((r.cell.value for r in data.rows if r.cell.shown), default=0)
    bars = []
    for index, row in enumerate(data.rows):
        cell = row.cell
        if cell.shown:
            width = round(BAR_SPACE * cell.value / largest, 2) if largest else 0.0
            value = str(cell.value)
        else:
            width, value = 0.0, small_text if cell.state == "small" else hidden_text
        bars.append(Bar(" · ".join(row.labels), index * ROW_HEIGHT, width, value))
    return Chart(tuple(bars), max(1, len(bars)) * ROW_HEIGHT)


COLUMN_AREA = 160  # px: the height of the tallest column


@dataclass(frozen=True)
class Column:
    """One day's column: x and width in % of the chart, y and height in px."""

    x: float
    width: float
    y: int
    height: int


@dataclass(frozen=True)
class ColumnChart:
    """Columns over time, the largest count shown, and the first and last labels."""

    columns: tuple[Column, ...]
    largest: int
    first: str
    last: str
    height: int = COLUMN_AREA


def column_chart(data: Table) -> ColumnChart:
    """One column a row (a day), for long ranges; suppressed counts get no column."""
    rows = data.rows
    largest = max((r.cell.value for r in rows if r.cell.shown), default=0)
    step = 100 / max(1, len(rows))
    columns = []
    for index, row in enumerate(rows):
        if not row.cell.shown or not largest or not row.cell.value:
            continue
        height = max(1, round(COLUMN_AREA * row.cell.value / largest))
        columns.append(Column(round(index * step, 3), round(step * 0.8, 3),
                              COLUMN_AREA - height, height))
    first = rows[0].labels[0] if rows else ""
    last = rows[-1].labels[0] if rows else ""
    return ColumnChart(tuple(columns), largest, first, last)
