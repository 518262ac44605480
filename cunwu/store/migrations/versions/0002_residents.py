"""Residents: households, persons, their history, special-group tags, 临时救助 grants,
visits, monitoring settings, saved roster mappings, and the search index.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.create_record_table(op,
        "households",
        sa.Column("number", sa.String, nullable=False),
        sa.Column("address", sa.String, nullable=False),
        sa.Column("group_name", sa.String, nullable=False),
        sa.Column("head_uuid", sa.String(36), nullable=True),
        sa.Column("notes", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_households_number", "households", ["number"], unique=True)
    op.create_index("ix_households_group_name", "households", ["group_name"])
    guards.create_record_table(op,
        "persons",
        sa.Column("name", sa.String, nullable=False),
        sa.Column("id_number", sa.String(18), nullable=True),
        sa.Column("sex", sa.String, nullable=False),
        sa.Column("birth_date", sa.Date, nullable=True),
        sa.Column("ethnicity", sa.String, nullable=False),
        sa.Column("phone", sa.String, nullable=False),
        sa.Column("household_uuid", sa.String(36), sa.ForeignKey("households.uuid"), nullable=True),
        sa.Column("relation", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("status_since", sa.Date, nullable=True),
        sa.Column("party_member", sa.Boolean, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.CheckConstraint("status IN ('户籍在册', '常住', '外出务工', '迁出', '死亡')",
                           name="ck_persons_status"),
    )
    op.create_index("ix_persons_id_number", "persons", ["id_number"], unique=True)
    op.create_index("ix_persons_household_uuid", "persons", ["household_uuid"])
    op.create_index("ix_persons_birth_date", "persons", ["birth_date"])
    op.create_index("ix_persons_status", "persons", ["status"])
    guards.create_record_table(op,
        "person_events",
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("today", sa.Date, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
    )
    op.create_index("ix_person_events_person_uuid", "person_events", ["person_uuid"])
    guards.create_record_table(op,
        "person_tags",
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("tag", sa.String, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
        sa.Column("review_due", sa.Date, nullable=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
    )
    op.create_index("ix_person_tags_person_uuid", "person_tags", ["person_uuid"])
    op.create_index("ix_person_tags_tag", "person_tags", ["tag"])
    guards.create_record_table(op,
        "relief_grants",
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("granted_on", sa.Date, nullable=False),
        sa.Column("amount", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
    )
    op.create_index("ix_relief_grants_person_uuid", "relief_grants", ["person_uuid"])
    guards.create_record_table(op,
        "visits",
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("visited_on", sa.Date, nullable=False),
        sa.Column("visitor", sa.String, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
    )
    op.create_index("ix_visits_person_uuid", "visits", ["person_uuid"])
    guards.create_record_table(op,
        "monitoring_settings",
        sa.Column("village_code", sa.String(12), nullable=False, unique=True),
        sa.Column("elderly_age", sa.Integer, nullable=False),
        sa.Column("visit_days", sa.Integer, nullable=False),
        sa.Column("review_notice_days", sa.Integer, nullable=False),
        sa.Column("child_age", sa.Integer, nullable=False),
    )
    guards.create_record_table(op,
        "roster_mappings",
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("mapping", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        synced=False,
    )
    # Search side tables, local and rebuildable from persons (cunwu/services/search.py):
    # an integer key per person for FTS5, and the trigram index over name, pinyin and ID.
    op.create_table(
        "person_search",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_uuid", sa.String(36), nullable=False, unique=True),
    )
    op.execute("CREATE VIRTUAL TABLE person_fts USING fts5("
               "name, pinyin, initials, id_number, name3, initials3, tokenize='trigram')")


def downgrade() -> None:
    op.execute("DROP TABLE person_fts")
    for table in ("person_search", "roster_mappings", "monitoring_settings", "visits",
                  "relief_grants", "person_tags", "person_events", "persons", "households"):
        op.drop_table(table)
