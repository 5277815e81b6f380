"""Versions of the audit definition; results record the version that scored them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_definitions") as batch:
        batch.add_column(sa.Column("author", sa.String(254), nullable=False, server_default=""))
        batch.add_column(sa.Column("note", sa.String(254), nullable=False, server_default=""))
        batch.add_column(sa.Column("restored_from", sa.Integer(), nullable=True))
    with op.batch_alter_table("audit_results") as batch:
        batch.add_column(sa.Column("definition_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_results") as batch:
        batch.drop_column("definition_version")
    with op.batch_alter_table("audit_definitions") as batch:
        for column in ("restored_from", "note", "author"):
            batch.drop_column(column)
