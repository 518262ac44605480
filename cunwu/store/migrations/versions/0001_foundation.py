"""Foundation: change log, audit trail, village, user accounts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("log_seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("entity", sa.String, nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("op", sa.String, nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
        sa.Column("chain", sa.String(64), nullable=False),
        sa.CheckConstraint("op IN ('upsert', 'delete')", name="ck_change_log_op"),
    )
    op.create_index("ix_change_log_row", "change_log", ["entity", "uuid", "log_seq"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("today", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("target", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("chain", sa.String(64), nullable=False),
    )
    for table in guards.APPEND_ONLY:
        for sql in guards.append_only_sql(table):
            op.execute(sql)

    op.create_table(
        "village",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    guards.install(op, "village")

    op.create_table(
        "users",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("password_hash", sa.String, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("role IN ('admin', 'clerk', 'supervisor')", name="ck_users_role"),
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True)


def downgrade() -> None:
    for table in ("users", "village", "audit_log", "change_log"):
        op.drop_table(table)
