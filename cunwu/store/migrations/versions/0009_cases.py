"""Cases (工单): the cases, their append-only timeline, the time limits per category, and the
alerts handled or dismissed.

Revision ID: 0009
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0009"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.create_record_table(op,
        "cases",
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("village_code", sa.String(12), nullable=False),
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=True),
        sa.Column("household_uuid", sa.String(36), sa.ForeignKey("households.uuid"),
                  nullable=True),
        sa.Column("subject_name", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("severity", sa.String, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("source_ref", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("description", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("handler_kind", sa.String, nullable=False),
        sa.Column("handler", sa.String, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("opened_by", sa.String, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("result", sa.String, nullable=False),
        sa.Column("decision", sa.String, nullable=False),
        sa.CheckConstraint("status IN ('待派单', '已派单', '处置中', '已上报', '已办结', '已回访')",
                           name="ck_cases_status"),
    )
    op.create_index("ix_cases_person_uuid", "cases", ["person_uuid"])
    op.create_index("ix_cases_household_uuid", "cases", ["household_uuid"])
    # The home page and the lists read open cases by status and due date.
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_due", "cases", ["due"])
    guards.create_record_table(op,
        "case_actions",
        sa.Column("case_uuid", sa.String(36), sa.ForeignKey("cases.uuid"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("from_status", sa.String, nullable=False),
        sa.Column("to_status", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("today", sa.Date, nullable=False),
        sa.Column("note", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_case_actions_case_uuid", "case_actions", ["case_uuid", "seq"], unique=True)
    for sql in guards.append_only_sql("case_actions"):
        op.execute(sql)
    guards.create_record_table(op,
        "case_settings",
        sa.Column("village_code", sa.String(12), nullable=False, unique=True),
        sa.Column("limits", sa.Text, nullable=False),
    )
    guards.create_record_table(op,
        "alert_states",
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("person_uuid", sa.String, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("case_uuid", sa.String(36), nullable=True),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.CheckConstraint("state IN ('case', 'dismissed')", name="ck_alert_states_state"),
    )


def downgrade() -> None:
    for table in ("alert_states", "case_settings", "case_actions", "cases"):
        op.drop_table(table)
