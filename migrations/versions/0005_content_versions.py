"""Versions of topic answers and services (the content editor).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the change that needs it (kept in order so the chain never breaks)."""


def downgrade() -> None:
    """Nothing to undo yet."""
