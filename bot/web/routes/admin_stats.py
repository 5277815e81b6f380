"""`/hallinta/tilastot`: anonymous statistics with charts, tables and a CSV (editors, admins)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from bot.services import statistics
from bot.services.stats_csv import cell_text, report_csv, summary_rows
from bot.services.topics import default_catalogue
from bot.store import staff_log
from bot.web.deps import StateDep
from bot.web.routes.deps import (
    ADMIN_PATH,
    EDITOR_ROLES,
    NO_STORE,
    IdentityDep,
    StaffDep,
    require_any_role,
    staff_page,
)
from bot.web.stats_charts import bar_chart, column_chart

router = APIRouter(prefix=f"{ADMIN_PATH}/tilastot",
                   dependencies=[Depends(require_any_role(*EDITOR_ROLES))])
DEFAULT_DAYS = 30
MAX_DAYS = 1096  # the statistics are kept about three years


def date_range(alku: str, loppu: str, today: date) -> tuple[date, date, bool]:
    """The chosen days (inclusive), or the last 30 days; False when the choice was invalid."""
    default = (today - timedelta(days=DEFAULT_DAYS - 1), today)
    if not alku and not loppu:
        return (*default, True)
    try:
        start = date.fromisoformat(alku) if alku else default[0]
        end = date.fromisoformat(loppu) if loppu else today
    except ValueError:
        return (*default, False)
    if start > end or (end - start).days >= MAX_DAYS:
        return (*default, False)
    return start, end, True


def _labels(state: StateDep, texts: dict[str, Any]) -> statistics.Labels:
    levels = {name: routing.title
              for name, routing in state.audit_definition.get().levels.items()}
    return statistics.Labels(topics=default_catalogue().titles, levels=levels,
                             modes=texts["modes"], tiers=texts["tiers"],
                             sources=texts["sources"], no_municipality=texts["no_municipality"])


def _report(state: StateDep, staff: StaffDep, alku: str, loppu: str
            ) -> tuple[statistics.StatsReport, bool]:
    texts = staff.texts["admin_stats"]
    start, end, valid = date_range(alku[:10], loppu[:10], statistics.today())
    report = statistics.report(staff.database, start=start, end=end, labels=_labels(state, texts))
    return report, valid


@router.get("", response_class=HTMLResponse)
def stats_page(identity: IdentityDep, staff: StaffDep, state: StateDep, alku: str = "",
               loppu: str = "") -> HTMLResponse:
    """Charts and tables of the chosen days; small counts are shown as '< 5'."""
    texts = staff.texts["admin_stats"]
    report, valid = _report(state, staff, alku, loppu)
    charts = {table.key: bar_chart(table, texts["small"], texts["hidden"])
              for table in (report.topics, report.levels)}
    return staff_page("staff/admin/stats.html", staff, identity, report=report, valid=valid,
                      charts=charts, conversation_chart=column_chart(report.conversations),
                      summary=summary_rows(report, texts),
                      cell_text=lambda cell: cell_text(cell, texts), max_days=MAX_DAYS)


@router.get("/tilastot.csv")
def stats_csv(identity: IdentityDep, staff: StaffDep, state: StateDep, alku: str = "",
              loppu: str = "") -> Response:
    """The same suppressed cells as a CSV file (the download is logged)."""
    texts = staff.texts["admin_stats"]
    report, _ = _report(state, staff, alku, loppu)
    with staff.database.session() as session:
        staff_log.create(session=session, actor=identity.email, action="stats_export",
                         detail=f"{report.start.isoformat()}–{report.end.isoformat()}")
    headers = {**NO_STORE,
               "Content-Disposition": f'attachment; filename="{texts["csv_file"]}"'}
    return Response("\ufeff" + report_csv(report, texts), media_type="text/csv; charset=utf-8",
                    headers=headers)
