"""The store's own tables: the change log, the audit trail, the village, the base record.

`Record` is what every synced row is made of: a lifelong UUID and a row_version that the
unit of work raises on each change. Local-only tables (user accounts) subclass
`LocalRecord`: they are audited but never travel to the district.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid as _uuid
from typing import ClassVar

from sqlmodel import Field, SQLModel


def new_uuid() -> str:
    return str(_uuid.uuid4())


def new_uuids(n: int) -> list[str]:
    """n random (version 4) UUIDs, as uuid4 makes them but from one read of the system's
    random source: a bulk import needs tens of thousands at once."""
    data = bytearray(os.urandom(16 * n))
    data[6::16] = bytes(b & 0x0F | 0x40 for b in data[6::16])  # version 4
    data[8::16] = bytes(b & 0x3F | 0x80 for b in data[8::16])  # RFC 4122 variant
    out = []
    for i in range(0, 16 * n, 16):
        h = data[i:i + 16].hex()
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


class LocalRecord(SQLModel):
    uuid: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    row_version: int = Field(default=0)
    synced: ClassVar[bool] = False


class Record(LocalRecord):
    synced: ClassVar[bool] = True


class ChangeLogEntry(SQLModel, table=True):
    """One change to a synced row, in order (SYNC.md "Change capture"). Append-only."""

    __tablename__ = "change_log"
    log_seq: int = Field(primary_key=True)
    entity: str
    uuid: str
    op: str  # "upsert" | "delete"
    row_version: int
    row: str  # canonical JSON of the full row after the change; "null" for a tombstone
    chain: str  # hex SHA-256 chain value after this entry


class AuditEntry(SQLModel, table=True):
    """Who did what, when, to which record (审计). Append-only and hash-chained."""

    __tablename__ = "audit_log"
    seq: int = Field(primary_key=True)
    at: str  # real UTC time of writing
    today: str  # the working date (CUNWU_TODAY when set)
    actor: str
    action: str
    target: str  # "entity:uuid", or "" when the action has no single target
    detail: str  # canonical JSON; never ID numbers
    chain: str


class Village(Record, table=True):
    """The village (村/社区) this installation keeps: one row."""

    __tablename__ = "village"
    code: str = Field(max_length=12)  # 统计用区划代码, 12 digits
    name: str
    district_code: str = Field(max_length=6)
    created_at: dt.datetime
