"""Server-drawn charts: bars scale to the largest shown count; suppressed counts get no bar."""

from __future__ import annotations

from bot.services.stats_tables import table
from bot.web.stats_charts import COLUMN_AREA, bar_chart, column_chart


def test_bars_scale_and_suppressed_cells_show_only_their_mark():
    data = table("topics", [(("Vuokrarästit",), 20), (("Asumistuki",), 10), (("Häätö",), 2)],
                 with_total=True)
    chart = bar_chart(data, "< 5", "piilotettu")
    assert [(b.label, b.width, b.value) for b in chart.bars] == [
        ("Vuokrarästit", 85.0, "20"), ("Asumistuki", 0.0, "piilotettu"), ("Häätö", 0.0, "< 5")]
    assert chart.height == 3 * 38


def test_columns_skip_zero_and_suppressed_days():
    days = [((f"2026-11-{d:02d}",), v) for d, v in ((1, 0), (2, 3), (3, 8), (4, 16))]
    chart = column_chart(table("conversations", days, with_total=False))
    assert chart.largest == 16 and (chart.first, chart.last) == ("2026-11-01", "2026-11-04")
    assert [(c.x, c.height) for c in chart.columns] == [(50.0, COLUMN_AREA // 2),
                                                        (75.0, COLUMN_AREA)]
