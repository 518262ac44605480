"""Schema 10: each village's latest district certificate as the district issued it: when, and
the TLS fingerprint written into it (null: none), so the workbench can tell which villages
pinned a certificate other than the one being served.

Revision ID: d0010
Revises: d0009
"""

import sqlalchemy as sa
from alembic import op

revision = "d0010"
down_revision = "d0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Villages enrolled before keep both null: what their certificate pinned was not recorded.
    op.add_column("villages", sa.Column("certificate_issued_at", sa.String, nullable=True))
    op.add_column("villages", sa.Column("tls_sha256", sa.String(64), nullable=True))
    op.execute("UPDATE district_info SET schema_version = 10")


def downgrade() -> None:
    op.drop_column("villages", "tls_sha256")
    op.drop_column("villages", "certificate_issued_at")
    op.execute("UPDATE district_info SET schema_version = 9")
