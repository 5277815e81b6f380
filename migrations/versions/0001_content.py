"""Content store: topic answers and the service directory.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_answers",
        sa.Column("intent", sa.String(64), primary_key=True),
        sa.Column("municipality", sa.String(32), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("checked", sa.Date(), nullable=False),
        sa.Column("next_steps", sa.JSON(), nullable=False),
        sa.Column("service_categories", sa.JSON(), nullable=False),
        sa.Column("needs_municipality", sa.Boolean(), nullable=False),
        sa.Column("offers_contact", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "services",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("helps_with", sa.Text(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("phone", sa.String(64), nullable=True),
        sa.Column("hours", sa.String(200), nullable=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("checked", sa.Date(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("services")
    op.drop_table("topic_answers")
