"""Anonymous statistics events (no sender id, no text, day precision).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One counter per day and combination: no row id, so no insertion order links two events.
    op.create_table(
        "stats_events",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("topic", sa.String(64), primary_key=True, server_default=""),
        sa.Column("municipality", sa.String(32), primary_key=True, server_default=""),
        sa.Column("level", sa.String(32), primary_key=True, server_default=""),
        sa.Column("mode", sa.String(32), primary_key=True, server_default=""),
        sa.Column("handling_days", sa.Integer(), primary_key=True, server_default="0"),
        sa.Column("count", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("stats_events")
