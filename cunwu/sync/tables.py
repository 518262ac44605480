"""The village's own sync bookkeeping (local, never synced): its keys, the district it is
enrolled with, the bundles it wrote and the receipts it holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlmodel import Field

from cunwu.store.tables import LocalRecord


class SyncKey(LocalRecord, table=True):
    """A village signing key (Ed25519). The private half is in the keyring or a sealed file.

    state: "active" signs bundles; "next" is announced in bundles until a receipt confirms
    the announcement; "retired" was replaced by rotation; "lost" was replaced by re-enrolment.
    """

    __tablename__ = "sync_keys"
    key_id: str = Field(unique=True, index=True, max_length=16)
    public_key: str  # raw, hex
    fingerprint: str
    storage: str  # "keyring" | "file"
    state: str
    created_at: dt.datetime
    announced_seq: Optional[int] = None


class SyncDistrict(LocalRecord, table=True):
    """The district this village reports to, from its signed certificate."""

    __tablename__ = "sync_district"
    district_code: str = Field(max_length=6)
    name: str
    signing_key: str  # raw Ed25519, hex
    encryption_key: str  # raw X25519, hex
    encryption_key_id: str
    fingerprint: str
    certificate: str  # the certificate file as received
    url: str = ""
    installed_at: dt.datetime


class SyncBundle(LocalRecord, table=True):
    """A bundle this village wrote (exported to a folder or pushed)."""

    __tablename__ = "sync_bundles"
    seq: int = Field(unique=True, index=True)
    file_name: str
    envelope_sha256: str
    log_from: int
    log_to: int
    chain_head: str
    ops_count: int
    sender_key_id: str
    transport: str  # "file" | "http"
    created_at: dt.datetime


class SyncReceipt(LocalRecord, table=True):
    """A receipt signed by the district: it holds every change up to last_log_seq."""

    __tablename__ = "sync_receipts"
    seq: int = Field(index=True)
    envelope_sha256: str
    last_log_seq: int
    issued_at: str
    received_at: dt.datetime
    via: str  # "file" | "http"
    receipt: str
    # JSON {entity: {"village", "district", "matches"}}: the district's copy against the
    # village's change log as of last_log_seq; None for a receipt that carries no counts.
    reconciliation: Optional[str] = None


class DistrictBundleIn(LocalRecord, table=True):
    """A district bundle this village applied (sync/down.py): the numbers run 1, 2, 3 … with
    no gap, and the envelope's hash tells a repeat from a replay."""

    __tablename__ = "district_bundles_in"
    seq: int = Field(unique=True, index=True)
    envelope_sha256: str
    items_count: int
    via: str  # "file" | "http"
    imported_at: dt.datetime
