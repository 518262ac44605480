"""Schema 1: the district's tables as `district init` made them before migrations existed.

A store from then has these tables and no alembic_version; it is stamped at this revision on
open and upgraded from here. Each later revision sets district_info.schema_version to its
number (2, 3, …), which is what migrate.schema_number() gives a new store.

Revision ID: d0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "d0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "district_info",
        sa.Column("code", sa.String(6), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "district_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("public_key", sa.String, nullable=False),
        sa.Column("storage", sa.String, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "villages",
        sa.Column("code", sa.String(12), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("enrolled_at", sa.String, nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("last_envelope_sha256", sa.String, nullable=False),
        sa.Column("last_log_seq", sa.Integer, nullable=False),
        sa.Column("last_chain", sa.String, nullable=False),
        sa.Column("last_import_at", sa.String, nullable=True),
    )
    op.create_table(
        "village_keys",
        sa.Column("village", sa.String(12), sa.ForeignKey("villages.code"), primary_key=True),
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("public_key", sa.String, nullable=False),
        sa.Column("fingerprint", sa.String, nullable=False),
        sa.Column("valid_from_seq", sa.Integer, nullable=False),
        sa.Column("revoked_from_seq", sa.Integer, nullable=True),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("added_at", sa.String, nullable=False),
    )
    op.create_table(
        "bundles",
        sa.Column("envelope_sha256", sa.String(64), primary_key=True),
        sa.Column("village", sa.String(12), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("log_from", sa.Integer, nullable=False),
        sa.Column("log_to", sa.Integer, nullable=False),
        sa.Column("ops_count", sa.Integer, nullable=False),
        sa.Column("applied_rows", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.String, nullable=False),
        sa.Column("receipt", sa.Text, nullable=False),
        sa.UniqueConstraint("village", "seq", name="uq_bundles_village_seq"),
    )
    op.create_table(
        "quarantine",
        sa.Column("envelope_sha256", sa.String(64), primary_key=True),
        sa.Column("village", sa.String(12), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("code", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("received_at", sa.String, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("village", sa.String(12), primary_key=True),
        sa.Column("entity", sa.String, primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("log_seq", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("records", "quarantine", "bundles", "village_keys", "villages", "district_keys",
                 "district_info"):
        op.drop_table(name)
