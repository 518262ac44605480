"""Schema 5: each village's figures as of a day (district/figures_table.py), so the overview and
village pages read one row per village. Empty at first: a village's row is computed at its first read.

Revision ID: d0005
Revises: d0004
"""

import sqlalchemy as sa
from alembic import op

revision = "d0005"
down_revision = "d0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "village_figures",
        sa.Column("village", sa.String(12), primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("figures", sa.Text, nullable=False),
        sa.Column("computed_at", sa.String, nullable=False),
    )
    op.execute("UPDATE district_info SET schema_version = 5")


def downgrade() -> None:
    op.drop_table("village_figures")
    op.execute("UPDATE district_info SET schema_version = 4")
