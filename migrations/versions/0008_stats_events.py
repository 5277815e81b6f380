"""Anonymous statistics events (no sender id, no text, day precision).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the change that needs it (kept in order so the chain never breaks)."""


def downgrade() -> None:
    """Nothing to undo yet."""
