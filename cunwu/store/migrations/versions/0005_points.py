"""Volunteer points: rules, activities, participants, the append-only ledger, goods,
redemptions, settings, and the balance and period totals kept beside the ledger.

Revision ID: 0005
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from cunwu.store import guards

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.create_record_table(op,
        "points_rules",
        sa.Column("code", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("unit", sa.String, nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("effective_to", sa.Date, nullable=True),
        sa.Column("approved_by_meeting", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.CheckConstraint("unit IN ('次', '小时')", name="ck_points_rules_unit"),
        sa.CheckConstraint("points != 0", name="ck_points_rules_points"),
    )
    op.create_index("ix_points_rules_code", "points_rules", ["code", "version"], unique=True)
    guards.create_record_table(op,
        "points_activities",
        sa.Column("title", sa.String, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("place", sa.String, nullable=False),
        sa.Column("organiser", sa.String, nullable=False),
        sa.Column("rule_uuid", sa.String(36), sa.ForeignKey("points_rules.uuid"), nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("entered_by", sa.String, nullable=False),
        sa.Column("entered_at", sa.DateTime, nullable=False),
        sa.Column("approved_by", sa.String, nullable=True),
        sa.Column("approved_at", sa.DateTime, nullable=True),
        sa.Column("published_on", sa.Date, nullable=True),
        sa.Column("publish_days", sa.Integer, nullable=True),
        sa.Column("notes", sa.String, nullable=False),
        sa.CheckConstraint("state IN ('entered', 'approved', 'published', 'posted')",
                           name="ck_points_activities_state"),
    )
    op.create_index("ix_points_activities_held_on", "points_activities", ["held_on"])
    guards.create_record_table(op,
        "points_participants",
        sa.Column("activity_uuid", sa.String(36), sa.ForeignKey("points_activities.uuid"),
                  nullable=False),
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("objection", sa.String, nullable=False),
        sa.Column("answer", sa.String, nullable=False),
        sa.CheckConstraint("quantity > 0", name="ck_points_participants_quantity"),
        sa.CheckConstraint("state IN ('pending', 'held', 'posted', 'rejected')",
                           name="ck_points_participants_state"),
    )
    op.create_index("ix_points_participants_activity", "points_participants",
                    ["activity_uuid", "person_uuid"], unique=True)
    op.create_index("ix_points_participants_person_uuid", "points_participants", ["person_uuid"])
    guards.create_record_table(op,
        "points_ledger",
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("dated", sa.Date, nullable=False),
        sa.Column("ranked", sa.Boolean, nullable=False),
        sa.Column("rule_uuid", sa.String(36), nullable=True),
        sa.Column("activity_uuid", sa.String(36), nullable=True),
        sa.Column("participant_uuid", sa.String(36), nullable=True),
        sa.Column("redemption_uuid", sa.String(36), nullable=True),
        sa.Column("reverses_uuid", sa.String(36), nullable=True),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("entered_at", sa.DateTime, nullable=False),
        sa.Column("entered_by", sa.String, nullable=False),
        sa.CheckConstraint("kind IN ('earn', 'redeem', 'reversal')", name="ck_points_ledger_kind"),
    )
    # A person's entries in date order (their ledger page; the balance check in verify).
    op.create_index("ix_points_ledger_person_uuid", "points_ledger",
                    ["person_uuid", "dated", "points"])
    op.create_index("ix_points_ledger_dated", "points_ledger", ["dated"])
    # At most one ledger entry per participant, and one reversal per entry.
    op.create_index("ix_points_ledger_participant", "points_ledger", ["participant_uuid"],
                    unique=True)
    op.create_index("ix_points_ledger_reverses", "points_ledger", ["reverses_uuid"], unique=True)
    for sql in guards.append_only_sql("points_ledger"):
        op.execute(sql)
    guards.create_record_table(op,
        "points_goods",
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("price", sa.Integer, nullable=False),
        sa.Column("stock", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("price > 0", name="ck_points_goods_price"),
        sa.CheckConstraint("stock >= 0", name="ck_points_goods_stock"),
    )
    guards.create_record_table(op,
        "points_redemptions",
        sa.Column("number", sa.String, nullable=False, unique=True),
        sa.Column("person_uuid", sa.String(36), sa.ForeignKey("persons.uuid"), nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=True),
        sa.Column("redeemed_on", sa.Date, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("balance_after", sa.Integer, nullable=False),
        sa.Column("entered_by", sa.String, nullable=False),
        sa.Column("entered_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_points_redemptions_person_uuid", "points_redemptions", ["person_uuid"])
    guards.create_record_table(op,
        "points_redemption_lines",
        sa.Column("redemption_uuid", sa.String(36), sa.ForeignKey("points_redemptions.uuid"),
                  nullable=False),
        sa.Column("goods_uuid", sa.String(36), sa.ForeignKey("points_goods.uuid"), nullable=False),
        sa.Column("goods_name", sa.String, nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("price", sa.Integer, nullable=False),
        sa.CheckConstraint("quantity > 0", name="ck_points_redemption_lines_quantity"),
    )
    op.create_index("ix_points_redemption_lines_redemption_uuid", "points_redemption_lines",
                    ["redemption_uuid"])
    guards.create_record_table(op,
        "points_settings",
        sa.Column("village_code", sa.String(12), nullable=False, unique=True),
        sa.Column("scope", sa.String, nullable=False),
        sa.Column("publish_days", sa.Integer, nullable=False),
        sa.Column("levels", sa.Text, nullable=False),
        sa.CheckConstraint("scope IN ('person', 'household')", name="ck_points_settings_scope"),
    )
    # Local, derived from points_ledger in the same transaction as each entry (and
    # rebuildable from it): the balance of each person and household, and the points each
    # earned per month ('2026-03') and year ('2026'), so that balances and rankings are
    # read without summing a million entries.
    op.execute("CREATE TABLE points_balances (owner_kind TEXT NOT NULL, owner_uuid TEXT NOT NULL, "
               "balance INTEGER NOT NULL, earned INTEGER NOT NULL, "
               "PRIMARY KEY (owner_kind, owner_uuid)) WITHOUT ROWID")
    op.execute("CREATE TABLE points_totals (owner_kind TEXT NOT NULL, period TEXT NOT NULL, "
               "owner_uuid TEXT NOT NULL, earned INTEGER NOT NULL, "
               "PRIMARY KEY (owner_kind, period, owner_uuid)) WITHOUT ROWID")
    op.execute("CREATE INDEX ix_points_totals_rank ON points_totals (owner_kind, period, earned)")


def downgrade() -> None:
    op.execute("DROP TABLE points_totals")
    op.execute("DROP TABLE points_balances")
    for table in ("points_settings", "points_redemption_lines", "points_redemptions",
                  "points_goods", "points_ledger", "points_participants", "points_activities",
                  "points_rules"):
        op.drop_table(table)
