"""Sync bookkeeping: the village's keys, its district, bundles written, receipts held.

Revision ID: 0004
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def _local(name: str, *columns) -> None:
    op.create_table(name, sa.Column("uuid", sa.String(36), primary_key=True),
                    sa.Column("row_version", sa.Integer, nullable=False), *columns)


def upgrade() -> None:
    _local("sync_keys",
           sa.Column("key_id", sa.String(16), nullable=False),
           sa.Column("public_key", sa.String, nullable=False),
           sa.Column("fingerprint", sa.String, nullable=False),
           sa.Column("storage", sa.String, nullable=False),
           sa.Column("state", sa.String, nullable=False),
           sa.Column("created_at", sa.DateTime, nullable=False),
           sa.Column("announced_seq", sa.Integer, nullable=True))
    op.create_index("ix_sync_keys_key_id", "sync_keys", ["key_id"], unique=True)
    _local("sync_district",
           sa.Column("district_code", sa.String(6), nullable=False),
           sa.Column("name", sa.String, nullable=False),
           sa.Column("signing_key", sa.String, nullable=False),
           sa.Column("encryption_key", sa.String, nullable=False),
           sa.Column("encryption_key_id", sa.String, nullable=False),
           sa.Column("fingerprint", sa.String, nullable=False),
           sa.Column("certificate", sa.Text, nullable=False),
           sa.Column("url", sa.String, nullable=False),
           sa.Column("installed_at", sa.DateTime, nullable=False))
    _local("sync_bundles",
           sa.Column("seq", sa.Integer, nullable=False),
           sa.Column("file_name", sa.String, nullable=False),
           sa.Column("envelope_sha256", sa.String, nullable=False),
           sa.Column("log_from", sa.Integer, nullable=False),
           sa.Column("log_to", sa.Integer, nullable=False),
           sa.Column("chain_head", sa.String, nullable=False),
           sa.Column("ops_count", sa.Integer, nullable=False),
           sa.Column("sender_key_id", sa.String, nullable=False),
           sa.Column("transport", sa.String, nullable=False),
           sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_index("ix_sync_bundles_seq", "sync_bundles", ["seq"], unique=True)
    _local("sync_receipts",
           sa.Column("seq", sa.Integer, nullable=False),
           sa.Column("envelope_sha256", sa.String, nullable=False),
           sa.Column("last_log_seq", sa.Integer, nullable=False),
           sa.Column("issued_at", sa.String, nullable=False),
           sa.Column("received_at", sa.DateTime, nullable=False),
           sa.Column("via", sa.String, nullable=False),
           sa.Column("receipt", sa.Text, nullable=False))
    op.create_index("ix_sync_receipts_seq", "sync_receipts", ["seq"])


def downgrade() -> None:
    for table in ("sync_receipts", "sync_bundles", "sync_district", "sync_keys"):
        op.drop_table(table)
