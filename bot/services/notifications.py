"""E-mail to the outreach team about new contact requests: no personal data, retried."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from bot.config import Settings
from bot.store import contact_requests as store
from bot.store.db import Database
from bot.store.models import utc_now

log = logging.getLogger(__name__)
MAX_BACKOFF_S = 3600
CLAIM_LEASE = timedelta(minutes=5)  # a worker that died while sending is retried after it


@dataclass(frozen=True)
class SendResult:
    """How many notifications were sent and how many failed in one round."""

    sent: int
    failed: int


def build_message(*, reference: str, municipality: str, to: str, settings: Settings,
                  texts: dict) -> EmailMessage:
    """Only the code, the municipality and the portal link: never contact details or words."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = texts["subject"].format(reference=reference)
    link = f"{settings.public_base_url}/ammattilainen/pyynnot/{reference}"
    message.set_content(texts["body"].format(
        reference=reference, municipality=municipality or texts["no_municipality"], link=link))
    return message


def smtp_send(message: EmailMessage, settings: Settings) -> None:
    """Send one message through the configured SMTP server."""
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port,
                      timeout=settings.smtp_timeout_s) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(message)


def backoff(attempts: int) -> timedelta:
    """Wait 1, 2, 4 ... minutes between tries, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(0, attempts - 1), MAX_BACKOFF_S))


def send_due(db: Database, *, settings: Settings, texts: dict,
             send: Callable[[EmailMessage, Settings], None] = smtp_send,
             now: datetime | None = None) -> SendResult:
    """Send every pending or due notification; a failure is recorded and retried later."""
    now = now or utc_now()
    with db.session() as session:
        due = [(r.id, r.reference, r.municipality)
               for r in store.list_due_notifications(session=session, now=now)]
    sent = failed = 0
    for request_id, reference, municipality in due:
        with db.session() as session:
            if not store.claim_notification(session=session, request_id=request_id, now=now,
                                            lease=CLAIM_LEASE):
                continue  # another web worker took it
        to = settings.team_address(municipality)
        error = ""
        if not settings.smtp_host or not to:
            error = "not_configured"
        else:
            try:
                send(build_message(reference=reference, municipality=municipality, to=to,
                                   settings=settings, texts=texts), settings)
            except (OSError, smtplib.SMTPException) as exc:
                error = type(exc).__name__
        with db.session() as session:
            row = store.get(session=session, reference=reference)
            if row is None:
                continue
            if error:
                failed += 1
                attempts = (row.notification_attempts or 0) + 1
                store.update_notification(session=session, row=row, status=store.NOTIFY_FAILED,
                                          error=error, next_at=now + backoff(attempts))
                log.warning("notification of a contact request failed: %s", error)
            else:
                sent += 1
                store.update_notification(session=session, row=row, status=store.NOTIFY_SENT)
    return SendResult(sent, failed)
