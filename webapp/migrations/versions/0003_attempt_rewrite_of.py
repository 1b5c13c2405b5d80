"""An attempt written as a rewrite of an earlier one remembers which (attempts.rewrite_of), so
the history compares it with that attempt and not merely with the last one before it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode for SQLite; attempts saved before this revision are rewrites of nothing known
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("rewrite_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("rewrite_of")
