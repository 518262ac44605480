"""Schema 9: the people index's ID numbers indexed with their village and status, so the
cross-village check groups a million ID numbers from the index alone (on SQLite it read each
person's row: 1.9 s of its 2 s).

Revision ID: d0009
Revises: d0008
"""

from alembic import op

revision = "d0009"
down_revision = "d0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_district_people_id_number", "district_people")
    op.create_index("ix_district_people_id_number", "district_people", ["id_number", "village", "status"])
    op.execute("UPDATE district_info SET schema_version = 9")


def downgrade() -> None:
    op.drop_index("ix_district_people_id_number", "district_people")
    op.create_index("ix_district_people_id_number", "district_people", ["id_number"])
    op.execute("UPDATE district_info SET schema_version = 8")
