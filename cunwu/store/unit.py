"""The one write path: a unit of work writes rows, their change-log entries and one audit
entry in a single transaction (SYNC.md "Change capture").

The log entry goes in first and the row second, because the guard triggers
(store/guards.py) check that every row written matches the newest log entry for it.
"""

from __future__ import annotations

from sqlalchemy import insert, text
from sqlmodel import Session

from cunwu import clock
from cunwu.domain.accounts import Actor
from cunwu.store.canonical import GENESIS, canonical_json, chain_next, jsonable
from cunwu.store.tables import AuditEntry, ChangeLogEntry, LocalRecord

MAX_AUDIT_TARGETS = 20


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
        """Bulk insert of new records through Core: one executemany for the log, one for rows."""
        if not objs:
            return
        rows = []
        for obj in objs:
            obj.row_version = 1
            rows.append(row_of(obj))
        if model.synced:
            self._log_rows(model.__tablename__, [(r["uuid"], "upsert", 1, r) for r in rows])
        values = [{c.name: getattr(o, c.name) for c in model.__table__.columns} for o in objs]
        self.session.execute(insert(model.__table__), values)
        self._touch(model.__tablename__, rows[0]["uuid"], len(rows))

    def add_rows(self, model: type[LocalRecord], rows: list[dict]) -> None:
        """Bulk insert of new records given as complete, already checked column dicts: the
        fast path for big imports, which would spend most of their time building objects."""
        if not rows:
            return
        names = [c.name for c in model.__table__.columns]
        for r in rows:
            r["row_version"] = 1
        if model.synced:
            self._log_rows(model.__tablename__, [
                (r["uuid"], "upsert", 1, {n: jsonable(r[n]) for n in names}) for r in rows])
        self.session.execute(insert(model.__table__), rows)
        self._touch(model.__tablename__, rows[0]["uuid"], len(rows))

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
        row = row_of(obj) if op == "upsert" else None
        self._log_rows(table, [(obj.uuid, op, version or obj.row_version, row)])

    def _log_rows(self, entity: str, items: list[tuple[str, str, int, dict | None]]) -> None:
        if self._log_head is None:
            last = self.session.execute(
                text("SELECT log_seq, chain FROM change_log ORDER BY log_seq DESC LIMIT 1")).first()
            self._log_head = (last[0], bytes.fromhex(last[1])) if last else (0, GENESIS)
        seq, chain = self._log_head
        values = []
        for uuid, op, version, row in items:
            seq += 1
            entry = {"log_seq": seq, "entity": entity, "uuid": uuid, "op": op,
                     "row_version": version, "row": row}
            chain = chain_next(chain, entry)
            values.append({"log_seq": seq, "entity": entity, "uuid": uuid, "op": op,
                           "row_version": version, "row": canonical_json(row).decode("utf-8"),
                           "chain": chain.hex()})
        self.session.execute(insert(ChangeLogEntry.__table__), values)
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
