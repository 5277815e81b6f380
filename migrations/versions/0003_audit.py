"""Housing audit: the questionnaire definition and anonymous results.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_definitions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_results",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("municipality", sa.String(32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("professional_consent", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_audit_results_reference", "audit_results", ["reference"], unique=True)
    op.create_index("ix_audit_results_level", "audit_results", ["level"])
    op.create_index("ix_audit_results_expires_at", "audit_results", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_audit_results_expires_at", "audit_results")
    op.drop_index("ix_audit_results_level", "audit_results")
    op.drop_index("ix_audit_results_reference", "audit_results")
    op.drop_table("audit_results")
    op.drop_table("audit_definitions")
