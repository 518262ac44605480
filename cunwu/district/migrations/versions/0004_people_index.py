"""Schema 4: the people and their tags across villages, kept up to date at import, so person
lookups and cross-village checks read indexes instead of every row's JSON. Filled from the
rows already held.

Revision ID: d0004
Revises: d0003
"""

import sqlalchemy as sa
from alembic import op

revision = "d0004"
down_revision = "d0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from cunwu.district import people_index

    op.create_table(
        "district_people",
        sa.Column("village", sa.String(12), primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("id_number", sa.String(18), nullable=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=True),
        sa.Column("birth_date", sa.String(10), nullable=True),
    )
    op.create_index("ix_district_people_id_number", "district_people", ["id_number"])
    op.create_index("ix_district_people_name", "district_people", ["name", "village"])
    op.create_table(
        "district_tags",
        sa.Column("village", sa.String(12), primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("person_uuid", sa.String(36), nullable=False),
        sa.Column("tag", sa.String, nullable=False),
        sa.Column("since", sa.String(10), nullable=True),
        sa.Column("until", sa.String(10), nullable=True),
    )
    op.create_index("ix_district_tags_person", "district_tags", ["village", "person_uuid"])
    op.create_index("ix_district_tags_tag", "district_tags", ["tag"])
    people_index.rebuild(op.get_bind())
    op.execute("UPDATE district_info SET schema_version = 4")


def downgrade() -> None:
    op.drop_table("district_tags")
    op.drop_table("district_people")
    op.execute("UPDATE district_info SET schema_version = 3")
