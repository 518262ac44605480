"""Meetings and decisions: meetings, attendance, agenda items, memberships, per-village rules,
民情诉求, and 四议两公开 matters with their steps and follow-ups.

Revision ID: 0006
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None


def _uuid(name: str, ref: str | None = None, nullable: bool = False) -> sa.Column:
    args = (sa.ForeignKey(ref),) if ref else ()
    return sa.Column(name, sa.String(36), *args, nullable=nullable)


def upgrade() -> None:
    guards.create_record_table(op,
        "meetings",
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("held_at", sa.DateTime, nullable=False),
        sa.Column("place", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("minutes", sa.Text, nullable=False),
        sa.Column("chair", sa.String, nullable=False),
        sa.Column("recorder", sa.String, nullable=False),
        _uuid("corrects_uuid", nullable=True),
        sa.Column("correction_reason", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=True),
        sa.CheckConstraint("status IN ('planned', 'held', 'closed')", name="ck_meetings_status"),
    )
    op.create_index("ix_meetings_kind", "meetings", ["kind"])
    op.create_index("ix_meetings_held_at", "meetings", ["held_at"])
    op.create_index("ix_meetings_corrects_uuid", "meetings", ["corrects_uuid"])
    guards.create_record_table(op,
        "meeting_attendance",
        _uuid("meeting_uuid", "meetings.uuid"),
        _uuid("person_uuid", "persons.uuid"),
        sa.Column("name", sa.String, nullable=False),
        _uuid("household_uuid", nullable=True),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("status IN ('实到', '请假', '缺席')", name="ck_meeting_attendance_status"),
    )
    op.create_index("ix_meeting_attendance_meeting_uuid", "meeting_attendance", ["meeting_uuid"])
    op.create_index("ix_meeting_attendance_person_uuid", "meeting_attendance", ["person_uuid"])
    guards.create_record_table(op,
        "meeting_items",
        _uuid("meeting_uuid", "meetings.uuid"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("votes_yes", sa.Integer, nullable=True),
        sa.Column("votes_no", sa.Integer, nullable=True),
        sa.Column("votes_abstain", sa.Integer, nullable=True),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.CheckConstraint("votes_yes >= 0 AND votes_no >= 0 AND votes_abstain >= 0",
                           name="ck_meeting_items_votes"),
    )
    op.create_index("ix_meeting_items_meeting_uuid", "meeting_items", ["meeting_uuid"])
    guards.create_record_table(op,
        "meeting_members",
        sa.Column("body", sa.String, nullable=False),
        _uuid("person_uuid", "persons.uuid"),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
        sa.Column("households", sa.Text, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
    )
    op.create_index("ix_meeting_members_body", "meeting_members", ["body"])
    op.create_index("ix_meeting_members_person_uuid", "meeting_members", ["person_uuid"])
    guards.create_record_table(op,
        "meeting_rules",
        sa.Column("kind", sa.String, nullable=False, unique=True),
        sa.Column("quorum", sa.String, nullable=False),
        sa.Column("households", sa.String, nullable=False),
        sa.Column("passing", sa.String, nullable=False),
    )
    guards.create_record_table(op,
        "concerns",
        _uuid("meeting_uuid", "meetings.uuid", nullable=True),
        _uuid("person_uuid", "persons.uuid", nullable=True),
        sa.Column("raised_by", sa.String, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("follow_up", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("raised_on", sa.Date, nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_concerns_status"),
    )
    op.create_index("ix_concerns_meeting_uuid", "concerns", ["meeting_uuid"])
    op.create_index("ix_concerns_status", "concerns", ["status"])
    guards.create_record_table(op,
        "matters",
        sa.Column("title", sa.String, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("next_step", sa.String, nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("responsible", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.CheckConstraint("status IN ('in_progress', 'decided', 'done', 'ended')",
                           name="ck_matters_status"),
    )
    op.create_index("ix_matters_status", "matters", ["status"])
    guards.create_record_table(op,
        "matter_steps",
        _uuid("matter_uuid", "matters.uuid"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("step", sa.String, nullable=False),
        sa.Column("result", sa.String, nullable=False),
        sa.Column("return_to", sa.String, nullable=False),
        _uuid("meeting_uuid", "meetings.uuid", nullable=True),
        _uuid("item_uuid", nullable=True),
        _uuid("disclosure_uuid", nullable=True),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.UniqueConstraint("matter_uuid", "seq", name="uq_matter_steps_seq"),
    )
    op.create_index("ix_matter_steps_matter_uuid", "matter_steps", ["matter_uuid"])
    guards.create_record_table(op,
        "matter_followups",
        _uuid("matter_uuid", "matters.uuid"),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("new_due", sa.Date, nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
    )
    op.create_index("ix_matter_followups_matter_uuid", "matter_followups", ["matter_uuid"])


def downgrade() -> None:
    for table in ("matter_followups", "matter_steps", "matters", "concerns", "meeting_rules",
                  "meeting_members", "meeting_items", "meeting_attendance", "meetings"):
        op.drop_table(table)
