"""Schema 2: the district's own audit trail (quarantined bundles released or rejected).

Revision ID: d0002
Revises: d0001
"""

import sqlalchemy as sa
from alembic import op

revision = "d0002"
down_revision = "d0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "district_audit",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("operator", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("envelope_sha256", sa.String(64), nullable=False),
        sa.Column("village", sa.String(12), nullable=False),
        sa.Column("bundle_seq", sa.Integer, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
    )
    op.execute("UPDATE district_info SET schema_version = 2")


def downgrade() -> None:
    op.drop_table("district_audit")
    op.execute("UPDATE district_info SET schema_version = 1")
