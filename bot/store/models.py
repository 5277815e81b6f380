"""Tables. Alembic migrations under `migrations/` create them; keep both in step."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utc_now() -> datetime:
    """Timezone-aware now, for created/updated columns."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of all tables."""


class TopicAnswer(Base):
    """The live answer to one topic intent, optionally for one municipality."""

    __tablename__ = "topic_answers"

    intent: Mapped[str] = mapped_column(String(64), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    text: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    checked: Mapped[date] = mapped_column(Date)
    next_steps: Mapped[list[str]] = mapped_column(JSON, default=list)
    service_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs_municipality: Mapped[bool] = mapped_column(Boolean, default=False)
    offers_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Service(Base):
    """One entry of the service directory (palvelukompassi)."""

    __tablename__ = "services"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    helps_with: Mapped[str] = mapped_column(Text)
    municipalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    url: Mapped[str] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    hours: Mapped[str | None] = mapped_column(String(200), nullable=True)
    source: Mapped[str] = mapped_column(String(500))
    checked: Mapped[date] = mapped_column(Date)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ContactRequest(Base):
    """A consented request for the outreach team to get in touch."""

    __tablename__ = "contact_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    contact: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(32))
    best_time: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="uusi", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Staff side: who took it, when it was handled (retention), the e-mail notification state.
    assigned_to: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), nullable=True
    )
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    notification_status: Mapped[str] = mapped_column(String(16), default="odottaa", index=True)
    notification_attempts: Mapped[int] = mapped_column(Integer, default=0)
    notification_error: Mapped[str] = mapped_column(String(200), default="")
    next_notification_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class ContactRequestEvent(Base):
    """One change of a contact request by staff: taken, status changed, with a note."""

    __tablename__ = "contact_request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class StaffUser(Base):
    """A staff account: e-mail, argon2 hash, roles, lock-out state."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class StaffSession(Base):
    """A server-side login session; the cookie holds the token, the table only its hash."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class StaffLogEntry(Base):
    """Audit log of the staff side: who did what and when; never message texts."""

    __tablename__ = "staff_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(254), default="")
    detail: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ProfessionalAudit(Base):
    """An audit code a professional opened from the portal: code and level, no client data."""

    __tablename__ = "professional_audits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class UnansweredMessage(Base):
    """A message the bot did not understand: text and ranking only, no identifiers."""

    __tablename__ = "unanswered_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    intent_ranking: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Inbox (issue 13): why it was kept, what an editor decided (uusi/liitetty/ulkopuolinen).
    reason: Mapped[str] = mapped_column(String(16), default="fallback")
    state: Mapped[str] = mapped_column(String(16), default="uusi", index=True)
    intent: Mapped[str] = mapped_column(String(64), default="")


class AuditDefinitionRow(Base):
    """The audit questionnaire as loaded from data/content/audit.yml (admins tune it here)."""

    __tablename__ = "audit_definitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Each row is a version: who saved it in the admin editor ("" = loaded from audit.yml),
    # a short note, and the version it restores when it is a rollback.
    author: Mapped[str] = mapped_column(String(254), default="")
    note: Mapped[str] = mapped_column(String(254), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AuditResultRow(Base):
    """An anonymous audit result: answers, level, municipality, mode, date; no identifiers."""

    __tablename__ = "audit_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    mode: Mapped[str] = mapped_column(String(16))
    municipality: Mapped[str] = mapped_column(String(32), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    level: Mapped[str] = mapped_column(String(16), index=True)
    total: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    professional_consent: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The audit_definitions version that scored it (None: audit.yml, nothing stored yet).
    definition_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class InboxVisit(Base):
    """When a staff user last opened the unanswered-message inbox (for the "new" badges)."""

    __tablename__ = "inbox_visits"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class StatsEvent(Base):
    """Anonymous statistics: a count per day and combination; no sender, text or time of day."""

    __tablename__ = "stats_events"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    topic: Mapped[str] = mapped_column(String(64), primary_key=True, default="")
    municipality: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    level: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    mode: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    # Whole days from a contact request to its handling (kind `contact_handled` only).
    handling_days: Mapped[int] = mapped_column(Integer, primary_key=True, default=0)
    count: Mapped[int] = mapped_column(Integer, default=0)


class ContentVersion(Base):
    """One saved version of a topic answer or a service entry (content editor, content load)."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "key", "number", name="uq_content_versions_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # "answer" or "service"
    key: Mapped[str] = mapped_column(String(64))  # the intent or the service key
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per kind and key
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the entry as in the YAML file
    origin: Mapped[str] = mapped_column(String(16))  # tiedosto, muokkain, palautus
    author: Mapped[str] = mapped_column(String(254), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
