"""Schema 8: a quarantined bundle's reason kept as its code and values, so the 数据包 page reads
it in Chinese; bundles held before keep their English reason.

Revision ID: d0008
Revises: d0007
"""

import sqlalchemy as sa
from alembic import op

revision = "d0008"
down_revision = "d0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quarantine", sa.Column("params", sa.Text, nullable=True))
    op.execute("UPDATE district_info SET schema_version = 8")


def downgrade() -> None:
    op.drop_column("quarantine", "params")
    op.execute("UPDATE district_info SET schema_version = 7")
