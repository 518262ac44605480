"""Disclosures (村务公开): notices, photos of their posting, feedback, the village's rules.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.create_record_table(op,
        "disclosures",
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("tables", sa.Text, nullable=False),
        sa.Column("period_from", sa.Date, nullable=False),
        sa.Column("period_to", sa.Date, nullable=False),
        sa.Column("posting_date", sa.Date, nullable=True),
        sa.Column("posting_days", sa.Integer, nullable=False),
        sa.Column("place", sa.String, nullable=False),
        sa.Column("phone", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("corrects_uuid", sa.String(36), nullable=True),
        sa.Column("matter_uuid", sa.String(36), nullable=True),
        sa.Column("meeting_uuid", sa.String(36), nullable=True),
        sa.Column("signed_by", sa.String, nullable=False),
        sa.Column("signed_name", sa.String, nullable=False),
        sa.Column("signed_on", sa.Date, nullable=True),
        sa.Column("signed_at", sa.DateTime, nullable=True),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("posted_at", sa.DateTime, nullable=True),
        sa.Column("archived_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.CheckConstraint("category IN ('党务', '村务', '财务')", name="ck_disclosures_category"),
        sa.CheckConstraint("status IN ('draft', 'signed_off', 'posted', 'archived')",
                           name="ck_disclosures_status"),
        sa.CheckConstraint("period_to >= period_from", name="ck_disclosures_period"),
    )
    op.create_index("ix_disclosures_status", "disclosures", ["status"])
    op.create_index("ix_disclosures_corrects_uuid", "disclosures", ["corrects_uuid"])
    op.create_index("ix_disclosures_period", "disclosures", ["category", "period_from"])
    guards.create_record_table(op,
        "disclosure_photos",
        sa.Column("disclosure_uuid", sa.String(36), sa.ForeignKey("disclosures.uuid"),
                  nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String, nullable=False),
        sa.Column("original_name", sa.String, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String, nullable=False),
    )
    op.create_index("ix_disclosure_photos_disclosure_uuid", "disclosure_photos",
                    ["disclosure_uuid"])
    guards.create_record_table(op,
        "disclosure_feedback",
        sa.Column("disclosure_uuid", sa.String(36), sa.ForeignKey("disclosures.uuid"),
                  nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("from_name", sa.String, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("answered_on", sa.Date, nullable=True),
        sa.Column("answered_by", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_disclosure_feedback_disclosure_uuid", "disclosure_feedback",
                    ["disclosure_uuid"])
    guards.create_record_table(op,
        "disclosure_rules",
        sa.Column("village_code", sa.String(12), nullable=False),
        sa.Column("phone", sa.String, nullable=False),
        sa.Column("place", sa.String, nullable=False),
        sa.Column("min_days", sa.Text, nullable=False),
        sa.Column("finance_every", sa.String, nullable=False),
        sa.Column("affairs_every", sa.String, nullable=False),
        sa.Column("due_within_days", sa.Integer, nullable=False),
        sa.Column("relief_within_days", sa.Integer, nullable=False),
        sa.Column("schedule_from", sa.Date, nullable=True),
        sa.CheckConstraint("finance_every IN ('month', 'quarter')", name="ck_rules_finance"),
        sa.CheckConstraint("affairs_every IN ('month', 'quarter')", name="ck_rules_affairs"),
    )
    op.create_index("ix_disclosure_rules_village_code", "disclosure_rules", ["village_code"],
                    unique=True)


def downgrade() -> None:
    for table in ("disclosure_rules", "disclosure_feedback", "disclosure_photos", "disclosures"):
        for sql in guards.drop_sql(table):
            op.execute(sql)
        op.drop_table(table)
