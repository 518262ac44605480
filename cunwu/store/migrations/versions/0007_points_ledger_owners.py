"""The points ledger indexed by household as it is by person: a redemption and a correction
add up the owner's entries in the ledger itself (not the kept balance), in a range read.

Revision ID: 0007
Revises: 0005
"""

from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_points_ledger_household_uuid", "points_ledger",
                    ["household_uuid", "points"])


def downgrade() -> None:
    op.drop_index("ix_points_ledger_household_uuid", "points_ledger")
