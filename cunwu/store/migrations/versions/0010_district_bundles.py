"""The down channel: district bundles applied, and the policy parameters they carried.

Revision ID: 0010
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def _local(name: str, *columns) -> None:
    op.create_table(name, sa.Column("uuid", sa.String(36), primary_key=True),
                    sa.Column("row_version", sa.Integer, nullable=False), *columns)


def upgrade() -> None:
    _local("district_bundles_in",
           sa.Column("seq", sa.Integer, nullable=False),
           sa.Column("envelope_sha256", sa.String, nullable=False),
           sa.Column("items_count", sa.Integer, nullable=False),
           sa.Column("via", sa.String, nullable=False),
           sa.Column("imported_at", sa.DateTime, nullable=False))
    op.create_index("ix_district_bundles_in_seq", "district_bundles_in", ["seq"], unique=True)
    _local("policy_params",
           sa.Column("item_id", sa.String(64), nullable=False, unique=True),
           sa.Column("name", sa.String, nullable=False),
           sa.Column("value", sa.String, nullable=False),
           sa.Column("effective_from", sa.Date, nullable=False),
           sa.Column("district_seq", sa.Integer, nullable=False),
           sa.Column("received_at", sa.DateTime, nullable=False))
    op.create_index("ix_policy_params_name", "policy_params", ["name"])


def downgrade() -> None:
    op.drop_table("policy_params")
    op.drop_table("district_bundles_in")
