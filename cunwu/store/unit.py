"""The one write path: a unit of work writes rows, their change-log entries and one audit
entry in a single transaction (SYNC.md "Change capture").

The log entry goes in first and the row second, because the guard triggers
(store/guards.py) check that every row written matches the newest log entry for it.
Bulk rows go through a temporary table and one INSERT … SELECT: with triggers on the table,
SQLite keeps a statement journal, and one statement per row would copy every page it
touches into it again (three times slower than the insert itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol

from sqlalchemy import insert, text
from sqlmodel import Session

from cunwu import clock
from cunwu.store.canonical import (GENESIS, RowEncoder, canonical_json, canonical_text, chain_next,
                                   jsonable, log_entry_text)
from cunwu.store.tables import AuditEntry, LocalRecord

STAGE_FROM = 100  # rows; fewer go straight in (see the module docstring)


class Actor(Protocol):
    """What the store needs of whoever writes (domain.accounts.Actor is the real one): the
    name for the audit trail and the permission check."""

    username: str
    role: str

    def may(self, permission: str) -> bool: ...


def row_of(obj: LocalRecord) -> dict:
    return {c.name: jsonable(getattr(obj, c.name)) for c in obj.__table__.columns}


class UnitOfWork:
    """Handed out by `Store.write`; everything done through it commits or nothing does."""

    def __init__(self, session: Session, actor: Actor, action: str) -> None:
        self.session = session
        self.actor = actor
        self.action = action
        self.detail: dict = {}
        self.target: str | None = None
        self.touched = 0
        self._log_head: tuple[int, bytes] | None = None

    # -- rows ---------------------------------------------------------------
    def add(self, obj: LocalRecord) -> LocalRecord:
        """A new record (row_version 1)."""
        obj.row_version = 1
        self._log(obj, "upsert")
        self.session.add(obj)
        self.session.flush()
        return obj

    def save(self, obj: LocalRecord) -> LocalRecord:
        """A changed record: its row_version goes up by one."""
        obj.row_version = (obj.row_version or 0) + 1
        self._log(obj, "upsert")
        self.session.add(obj)
        self.session.flush()
        return obj

    def delete(self, obj: LocalRecord) -> None:
        """A removed record travels as a tombstone."""
        self._log(obj, "delete", version=(obj.row_version or 0) + 1)
        self.session.delete(obj)
        self.session.flush()

    def add_many(self, model: type[LocalRecord], objs: list[LocalRecord]) -> None:
        """Bulk insert of new records built as objects (see add_rows)."""
        columns = [c.name for c in model.__table__.columns]
        for obj in objs:
            obj.row_version = 1
        self.add_rows(model, [{n: getattr(o, n) for n in columns} for o in objs])

    def add_rows(self, model: type[LocalRecord], rows: list[dict]) -> None:
        """Bulk insert of new records given as complete, already checked column dicts: the
        fast path for big imports, which would spend most of their time building objects."""
        if not rows:
            return
        table = model.__table__
        names = [c.name for c in table.columns]
        for r in rows:
            r["row_version"] = 1
        if model.synced:
            encode = RowEncoder(names)
            self._log_rows(table.name, [(r["uuid"], "upsert", 1, encode(r)) for r in rows])
        dialect = self.session.get_bind().dialect
        binds = [(i, p, {}) for i, c in enumerate(table.columns)
                 if (p := c.type._cached_bind_processor(dialect)) is not None]
        values = []
        for r in rows:
            v = [r[n] for n in names]
            for i, process, seen in binds:
                x = v[i]
                if x.__class__ is dt.date or x.__class__ is dt.datetime:
                    y = seen.get(x)  # dates repeat: convert each once
                    if y is None:
                        y = seen[x] = process(x)
                    v[i] = y
                else:
                    v[i] = process(x)
            values.append(v)
        raw = self._raw()
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" * len(names))
        if len(values) < STAGE_FROM:
            raw.executemany(f'INSERT INTO main."{table.name}" ({columns}) VALUES ({marks})', values)
        else:
            stage = f"temp.bulk_{table.name}"
            raw.execute(f'CREATE TEMP TABLE IF NOT EXISTS bulk_{table.name} AS '
                        f'SELECT {columns} FROM main."{table.name}" WHERE 0')
            raw.executemany(f"INSERT INTO {stage} VALUES ({marks})", values)
            raw.execute(f'INSERT INTO main."{table.name}" ({columns}) SELECT {columns} FROM {stage}')
            raw.execute(f"DELETE FROM {stage}")
        self._touch(table.name, rows[0]["uuid"], len(rows))

    def _raw(self):
        """The sqlite3 connection under the session, inside the same transaction."""
        return self.session.connection().connection.driver_connection

    # -- audit --------------------------------------------------------------
    def set_target(self, entity: str, uuid: str) -> None:
        self.target = f"{entity}:{uuid}"

    def _touch(self, entity: str, uuid: str, n: int = 1) -> None:
        self.touched += n
        if self.target is None:
            self.target = f"{entity}:{uuid}"

    def finish(self) -> None:
        """Append the audit entry; called by Store.write just before commit."""
        detail = dict(self.detail)
        if self.touched > 1:
            detail.setdefault("records", self.touched)
        append_audit(self.session, self.actor.username, self.action, self.target or "", detail)

    # -- change log ---------------------------------------------------------
    def _log(self, obj: LocalRecord, op: str, version: int | None = None) -> None:
        table = obj.__tablename__
        self._touch(table, obj.uuid)
        if not obj.synced:
            return
        row = canonical_text(row_of(obj)) if op == "upsert" else "null"
        self._log_rows(table, [(obj.uuid, op, version or obj.row_version, row)])

    def _log_rows(self, entity: str, items: list[tuple[str, str, int, str]]) -> None:
        """Append (uuid, op, row_version, row as canonical text) entries to the chain."""
        raw = self._raw()
        if self._log_head is None:
            last = raw.execute(
                "SELECT log_seq, chain FROM change_log ORDER BY log_seq DESC LIMIT 1").fetchone()
            self._log_head = (last[0], bytes.fromhex(last[1])) if last else (0, GENESIS)
        seq, chain = self._log_head
        sha256 = hashlib.sha256
        values = []
        for uuid, op, version, row in items:
            seq += 1
            chain = sha256(chain + log_entry_text(seq, entity, uuid, op, version, row)
                           .encode("utf-8")).digest()
            values.append((seq, entity, uuid, op, version, row, chain.hex()))
        raw.executemany("INSERT INTO change_log (log_seq, entity, uuid, op, row_version, row, "
                        "chain) VALUES (?, ?, ?, ?, ?, ?, ?)", values)
        self._log_head = (seq, chain)


def append_audit(session: Session, actor: str, action: str, target: str, detail: dict) -> None:
    last = session.execute(
        text("SELECT seq, chain FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq, prev = (last[0], bytes.fromhex(last[1])) if last else (0, GENESIS)
    entry = {"seq": seq + 1, "at": clock.stamp(), "today": clock.today().isoformat(),
             "actor": actor, "action": action, "target": target,
             "detail": canonical_json(detail).decode("utf-8")}
    entry["chain"] = chain_next(prev, audit_payload(entry)).hex()
    session.execute(insert(AuditEntry.__table__).values(**entry))


def audit_payload(entry: dict) -> dict:
    """The fields the audit chain covers (all but the chain value itself)."""
    return {k: entry[k] for k in ("seq", "at", "today", "actor", "action", "target", "detail")}
