"""Staff side: accounts, sessions, audit log, request history and notification state.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", WHEN, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_staff_users_email", "staff_users", ["email"], unique=True)
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_seen_at", WHEN, nullable=False),
    )
    op.create_index("ix_staff_sessions_user_id", "staff_sessions", ["user_id"])
    op.create_table(
        "staff_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(254), nullable=False),
        sa.Column("detail", sa.String(254), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_staff_log_action", "staff_log", ["action"])
    op.create_table(
        "professional_audits",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_professional_audits_user_id", "professional_audits", ["user_id"])
    with op.batch_alter_table("contact_requests") as batch:
        batch.add_column(sa.Column("assigned_to", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("handled_at", WHEN, nullable=True))
        batch.add_column(sa.Column("notification_status", sa.String(16), nullable=False,
                                   server_default="odottaa"))
        batch.add_column(sa.Column("notification_attempts", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("notification_error", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("next_notification_at", WHEN, nullable=True))
        batch.create_foreign_key("fk_contact_requests_assigned_to", "staff_users",
                                 ["assigned_to"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_contact_requests_notification_status", ["notification_status"])
    op.create_table(
        "contact_request_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Integer(),
                  sa.ForeignKey("contact_requests.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_contact_request_events_request_id", "contact_request_events",
                    ["request_id"])


def downgrade() -> None:
    op.drop_table("contact_request_events")
    with op.batch_alter_table("contact_requests") as batch:
        batch.drop_index("ix_contact_requests_notification_status")
        batch.drop_constraint("fk_contact_requests_assigned_to", type_="foreignkey")
        for column in ("next_notification_at", "notification_error", "notification_attempts",
                       "notification_status", "handled_at", "assigned_to"):
            batch.drop_column(column)
    op.drop_table("professional_audits")
    op.drop_table("staff_log")
    op.drop_table("staff_sessions")
    op.drop_table("staff_users")
