"""Links an audit result shown in the chat to the professional who started it from the portal."""

from __future__ import annotations

import asyncio
import logging
import re

from fastapi import Request
from sqlalchemy.exc import SQLAlchemyError

from bot.security import portal_token
from bot.services.content import Reply
from bot.services.portal import link_started_audits

log = logging.getLogger(__name__)
SUMMARY_LINK = re.compile(r"/kartoitus/([A-Z0-9]{8})\b")


async def record_started_audits(request: Request, token: object, replies: list[Reply]) -> None:
    """With a valid portal token, remember the audit codes in the bot's replies (never fails)."""
    if not token:
        return
    codes = [c for r in replies for c in SUMMARY_LINK.findall(r.text)]
    if not codes:
        return
    staff = getattr(request.app.state, "staff", None)
    if staff is None:
        return
    user_id = portal_token.verify(token, staff.settings.session_secret)
    if user_id is None:
        return
    try:
        await asyncio.to_thread(link_started_audits, staff.database, user_id=user_id,
                                codes=codes)
    except SQLAlchemyError as exc:
        log.warning("audit not linked to the professional: %s", type(exc).__name__)
