"""Sync: each receipt keeps the village's verdict on the district's copy (reconciliation).

Revision ID: 0008
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_receipts") as batch:
        batch.add_column(sa.Column("reconciliation", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_receipts") as batch:
        batch.drop_column("reconciliation")
