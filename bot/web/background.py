"""Background jobs of the web app: notification e-mails (with retry) and the retention purges."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy.exc import SQLAlchemyError

from bot.services.notifications import send_due
from bot.services.retention import purge
from bot.services.tracker_retention import purge_tracker_url
from bot.web.routes.deps import StaffState

log = logging.getLogger(__name__)


async def _every(seconds: float, job: Callable[[], Awaitable[None]]) -> None:
    while True:
        try:
            await job()
        except SQLAlchemyError as exc:  # database down or not migrated: try again next round
            log.warning("background job failed: %s", type(exc).__name__)
        await asyncio.sleep(seconds)


@asynccontextmanager
async def staff_jobs(staff: StaffState) -> AsyncIterator[None]:
    """Purge requests and conversations at start-up and daily; send notifications often."""
    settings = staff.settings

    async def run_purge() -> None:
        removed = await asyncio.to_thread(
            purge, staff.database, retention_days=settings.handled_retention_days,
            idle_minutes=settings.staff_idle_minutes,
            unanswered_days=settings.unanswered_retention_days,
            stats_retention_days=settings.stats_retention_days)
        if removed:
            log.info("retention purge removed %d handled contact requests", removed)

    async def run_tracker_purge() -> None:
        events = await asyncio.to_thread(
            purge_tracker_url, settings.resolved_tracker_db_url(),
            retention_hours=settings.tracker_retention_hours)
        if events:
            log.info("retention purge removed %d conversation events", events)

    async def run_notifications() -> None:
        await asyncio.to_thread(send_due, staff.database, settings=settings,
                                texts=staff.texts["email"])

    tasks = [
        asyncio.create_task(_every(settings.purge_interval_hours * 3600, run_purge)),
        asyncio.create_task(_every(settings.purge_interval_hours * 3600, run_tracker_purge)),
        asyncio.create_task(_every(settings.notify_interval_s, run_notifications)),
    ]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
