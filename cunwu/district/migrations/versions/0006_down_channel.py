"""Schema 6: the down channel's outbox (items waiting for a village's next district bundle)
and the district bundles written.

Revision ID: d0006
Revises: d0005
"""

import sqlalchemy as sa
from alembic import op

revision = "d0006"
down_revision = "d0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "down_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("village", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("down_seq", sa.Integer, nullable=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_down_items_village", "down_items", ["village", "down_seq"])
    op.create_table(
        "down_bundles",
        sa.Column("village", sa.String(12), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("envelope_sha256", sa.String(64), nullable=False),
        sa.Column("items_count", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("applied_at", sa.String, nullable=True),
    )
    op.execute("UPDATE district_info SET schema_version = 6")


def downgrade() -> None:
    op.drop_table("down_bundles")
    op.drop_index("ix_down_items_village", "down_items")
    op.drop_table("down_items")
    op.execute("UPDATE district_info SET schema_version = 5")
