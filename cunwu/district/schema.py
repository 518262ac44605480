"""The district store's tables (SQLAlchemy Core; SQLite or PostgreSQL) as the code reads them.
The migrations under district/migrations/versions make them: a table or column added here
needs a revision there too (tests/sync/test_district_migrations.py holds the two equal).

Village rows are kept generically, keyed on (village, entity, uuid) with the row's JSON, so
a table a village subject adds later reaches the district with no change here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

info = sa.Table(
    "district_info", metadata,
    sa.Column("code", sa.String(6), primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String, nullable=False),
)

keys = sa.Table(
    "district_keys", metadata,
    sa.Column("key_id", sa.String(16), primary_key=True),
    sa.Column("kind", sa.String, nullable=False),  # "sign" | "enc"
    sa.Column("public_key", sa.String, nullable=False),  # raw, hex
    sa.Column("storage", sa.String, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String, nullable=False),
)

villages = sa.Table(
    "villages", metadata,
    sa.Column("code", sa.String(12), primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("enrolled_at", sa.String, nullable=False),
    sa.Column("last_seq", sa.Integer, nullable=False, default=0),
    sa.Column("last_envelope_sha256", sa.String, nullable=False, default=""),
    sa.Column("last_log_seq", sa.Integer, nullable=False, default=0),
    sa.Column("last_chain", sa.String, nullable=False),
    sa.Column("last_import_at", sa.String, nullable=True),
    # the village's latest district certificate (migration d0010): when it was issued and the
    # TLS fingerprint it pins (null: none); both null for a village enrolled before
    sa.Column("certificate_issued_at", sa.String, nullable=True),
    sa.Column("tls_sha256", sa.String(64), nullable=True),
)

village_keys = sa.Table(
    "village_keys", metadata,
    sa.Column("village", sa.String(12), sa.ForeignKey("villages.code"), primary_key=True),
    sa.Column("key_id", sa.String(16), primary_key=True),
    sa.Column("public_key", sa.String, nullable=False),
    sa.Column("fingerprint", sa.String, nullable=False),
    sa.Column("valid_from_seq", sa.Integer, nullable=False),
    sa.Column("revoked_from_seq", sa.Integer, nullable=True),
    sa.Column("source", sa.String, nullable=False),  # "enrol" | "rotation"
    sa.Column("added_at", sa.String, nullable=False),
)

bundles = sa.Table(
    "bundles", metadata,
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

quarantine = sa.Table(
    "quarantine", metadata,
    sa.Column("envelope_sha256", sa.String(64), primary_key=True),
    sa.Column("village", sa.String(12), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("code", sa.String, nullable=False),
    sa.Column("reason", sa.String, nullable=False),  # in English, for the record
    sa.Column("received_at", sa.String, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    # the reason's values (JSON) under its code, rendered in each reader's language; null for
    # a bundle held before reasons were coded, whose English reason is all there is
    sa.Column("params", sa.Text, nullable=True),
)

# Who released or rejected which quarantined bundle, when and why. Append-only; a bundle's
# standing (held, released, rejected) is its latest entry here.
audit = sa.Table(
    "district_audit", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String, nullable=False),
    sa.Column("operator", sa.String, nullable=False),
    sa.Column("action", sa.String, nullable=False),  # "quarantine.release" | "quarantine.reject"
    sa.Column("envelope_sha256", sa.String(64), nullable=False),
    sa.Column("village", sa.String(12), nullable=False),
    sa.Column("bundle_seq", sa.Integer, nullable=False),
    sa.Column("reason", sa.String, nullable=False),
)

records = sa.Table(
    "records", metadata,
    sa.Column("village", sa.String(12), primary_key=True),
    sa.Column("entity", sa.String, primary_key=True),
    sa.Column("uuid", sa.String(36), primary_key=True),
    sa.Column("row_version", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Column("log_seq", sa.Integer, nullable=False),
    sa.Column("row", sa.Text, nullable=False),  # canonical JSON; "null" for a tombstone
)
# No second index on records: every import writes it, and the primary key (village, entity,
# uuid) already serves per-village reads; reports across villages scan, which they can afford.
# On PostgreSQL its pages are left half empty (fillfactor 50, migration d0011) so that a changed
# row is rewritten in its own page without a new index entry.

# District accounts (district/accounts.py); times are UTC ISO strings like the rest.
users = sa.Table(
    "district_users", metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),  # admin | officer | viewer
    sa.Column("password_hash", sa.String, nullable=False),  # argon2id
    sa.Column("failed_logins", sa.Integer, nullable=False),
    sa.Column("locked_until", sa.String, nullable=True),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String, nullable=False),
)

# The district's hash-chained audit trail (district/audit.py); append-only.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String, nullable=False),
    sa.Column("actor", sa.String, nullable=False),
    sa.Column("action", sa.String, nullable=False),
    sa.Column("target", sa.String, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),  # canonical JSON
    sa.Column("chain", sa.String(64), nullable=False),
)

# People and their tags across villages (district/people_index.py), written in the import's
# transaction from the persons and person_tags rows: lookups by ID number or name and the
# cross-village checks read these, not the rows' JSON.
people = sa.Table(
    "district_people", metadata,
    sa.Column("village", sa.String(12), primary_key=True),
    sa.Column("uuid", sa.String(36), primary_key=True),
    sa.Column("id_number", sa.String(18), nullable=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("household_uuid", sa.String(36), nullable=True),
    sa.Column("birth_date", sa.String(10), nullable=True),
    # with village and status: the cross-village check groups ID numbers from the index alone
    sa.Index("ix_district_people_id_number", "id_number", "village", "status"),
    sa.Index("ix_district_people_name", "name", "village"),
)

tags = sa.Table(
    "district_tags", metadata,
    sa.Column("village", sa.String(12), primary_key=True),
    sa.Column("uuid", sa.String(36), primary_key=True),
    sa.Column("person_uuid", sa.String(36), nullable=False),
    sa.Column("tag", sa.String, nullable=False),
    sa.Column("since", sa.String(10), nullable=True),
    sa.Column("until", sa.String(10), nullable=True),
    sa.Index("ix_district_tags_person", "village", "person_uuid"),
    sa.Index("ix_district_tags_tag", "tag"),
)

# Each village's figures (district/figures.py) as of a day, as JSON: written in each import's
# transaction and recomputed when the day turns (district/figures_table.py), so the 总览 and
# 村详情 read one row per village instead of every row's JSON on each request.
figures = sa.Table(
    "village_figures", metadata,
    sa.Column("village", sa.String(12), primary_key=True),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("figures", sa.Text, nullable=False),
    sa.Column("computed_at", sa.String, nullable=False),
    sa.Column("alerts", sa.Text, nullable=True),  # the open alerts (JSON list), read by the village page
)

# The down channel (district/outbox.py): items for a village's next district bundle (policy
# parameters, dispatched cases, updates to escalated cases; down_seq is null until one carries
# them), and the bundles written, kept whole so they can be written again or fetched over HTTP.
down_items = sa.Table(
    "down_items", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("village", sa.String(12), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # policy | case_dispatch | case_update
    sa.Column("body", sa.Text, nullable=False),  # canonical JSON, the item as it travels
    sa.Column("created_at", sa.String, nullable=False),
    sa.Column("actor", sa.String, nullable=False),
    sa.Column("down_seq", sa.Integer, nullable=True),
    sa.Column("n", sa.Integer, nullable=False),  # the order items were made in, per village
    sa.Index("ix_down_items_village", "village", "down_seq"),
)

down_bundles = sa.Table(
    "down_bundles", metadata,
    sa.Column("village", sa.String(12), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("envelope_sha256", sa.String(64), nullable=False),
    sa.Column("items_count", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("applied_at", sa.String, nullable=True),  # the village said it holds it (HTTP)
)
