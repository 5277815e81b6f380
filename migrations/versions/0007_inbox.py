"""Unanswered-message inbox: why a message was kept, the editor's decision, last visits.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NEW_COLUMNS = ("reason", "state", "intent")


def upgrade() -> None:
    """State columns on unanswered_messages and the per-user inbox visit table."""
    with op.batch_alter_table("unanswered_messages") as batch:
        batch.add_column(sa.Column("reason", sa.String(16), nullable=False,
                                   server_default="fallback"))
        batch.add_column(sa.Column("state", sa.String(16), nullable=False, server_default="uusi"))
        batch.add_column(sa.Column("intent", sa.String(64), nullable=False, server_default=""))
        batch.create_index("ix_unanswered_messages_state", ["state"])
    op.create_table(
        "inbox_visits",
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the visit table and the state columns."""
    op.drop_table("inbox_visits")
    with op.batch_alter_table("unanswered_messages") as batch:
        batch.drop_index("ix_unanswered_messages_state")
        for column in NEW_COLUMNS:
            batch.drop_column(column)
