"""Versions of the audit definition; results record the version that scored them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the change that needs it (kept in order so the chain never breaks)."""


def downgrade() -> None:
    """Nothing to undo yet."""
