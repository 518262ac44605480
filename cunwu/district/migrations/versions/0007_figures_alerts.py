"""Schema 7: each village's open alerts beside its figures (the 总览 reads only the counts; the
village page the list). The rows kept so far lack them: they are computed again at their next read.

Revision ID: d0007
Revises: d0006
"""

import sqlalchemy as sa
from alembic import op

revision = "d0007"
down_revision = "d0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("village_figures", sa.Column("alerts", sa.Text, nullable=True))
    op.execute("DELETE FROM village_figures")
    op.execute("UPDATE district_info SET schema_version = 7")


def downgrade() -> None:
    op.drop_column("village_figures", "alerts")
    op.execute("UPDATE district_info SET schema_version = 6")
