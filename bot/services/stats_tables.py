"""Small-cell suppression for the statistics tables (fewer than 5 events is never shown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_COUNT = 5
SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"  # HIDDEN: would reveal a small cell via a sum


@dataclass(frozen=True)
class Cell:
    """A count and whether it may be shown; `value` stays internal (charts, never printed)."""

    value: int
    state: str = SHOWN

    @property
    def shown(self) -> bool:
        """True when the number itself may be printed."""
        return self.state == SHOWN


@dataclass(frozen=True)
class Row:
    """One table row: its labels and its count."""

    labels: tuple[str, ...]
    cell: Cell


@dataclass(frozen=True)
class Table:
    """A suppressed table: columns are keys of the page texts; `total` None when not shown."""

    key: str
    rows: tuple[Row, ...]
    total: Cell | None = None


def small(value: int) -> bool:
    """True for a count that describes fewer than MIN_COUNT (but some) events."""
    return 0 < value < MIN_COUNT


def protect(values: Sequence[int], total_public: bool = True) -> list[Cell]:
    """Suppress small cells; when the group's total is public, hide more cells until the
    hidden ones add up to at least MIN_COUNT and are at least two (no subtraction reveals one)."""
    cells = [Cell(v, SMALL if small(v) else SHOWN) for v in values]
    if not total_public or not any(c.state == SMALL for c in cells):
        return cells
    while True:
        hidden = [c for c in cells if not c.shown]
        if len(hidden) >= 2 and sum(c.value for c in hidden) >= MIN_COUNT:
            return cells
        candidates = [i for i, c in enumerate(cells) if c.shown and c.value > 0]
        if not candidates:
            return cells
        smallest = min(candidates, key=lambda i: cells[i].value)
        cells[smallest] = Cell(cells[smallest].value, HIDDEN)


def total_cell(values: Sequence[int]) -> Cell:
    """The sum of a group, itself suppressed when small."""
    total = sum(values)
    return Cell(total, SMALL if small(total) else SHOWN)


def table(key: str, labelled: Sequence[tuple[tuple[str, ...], int]], with_total: bool) -> Table:
    """A table of one group (its total shown or not) with suppression applied."""
    cells = protect([v for _, v in labelled], total_public=with_total)
    rows = tuple(Row(labels, cell) for (labels, _), cell in zip(labelled, cells, strict=True))
    total = total_cell([v for _, v in labelled]) if with_total else None
    return Table(key, rows, total)


def grouped_table(key: str, groups: Sequence[Sequence[tuple[tuple[str, ...], int]]]) -> Table:
    """A detail table whose groups' totals are public elsewhere (another table's rows)."""
    rows: list[Row] = []
    for group in groups:
        cells = protect([v for _, v in group], total_public=True)
        rows.extend(Row(labels, cell) for (labels, _), cell in zip(group, cells, strict=True))
    return Table(key, tuple(rows))
