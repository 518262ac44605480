"""Checks that the audit trail and the change log are whole: chains recomputed from the
first entry, and every synced row equal to its newest log entry.
"""

from __future__ import annotations

import json

from sqlalchemy import text

from cunwu.store.canonical import GENESIS, chain_next
from cunwu.store.unit import audit_payload, row_of


def first_broken_audit(session) -> tuple[int, str] | None:
    prev, expected_seq = GENESIS, 1
    rows = session.execute(text(
        "SELECT seq, at, today, actor, action, target, detail, chain FROM audit_log ORDER BY seq"))
    for row in rows.mappings():
        entry = dict(row)
        if entry["seq"] != expected_seq:
            return expected_seq, "entry missing"
        digest = chain_next(prev, audit_payload(entry))
        if digest.hex() != entry["chain"]:
            return entry["seq"], "content does not match its hash"
        prev, expected_seq = digest, expected_seq + 1
    return None


def first_broken_log(session) -> tuple[int, str] | None:
    prev, expected_seq = GENESIS, 1
    rows = session.execute(text(
        "SELECT log_seq, entity, uuid, op, row_version, row, chain FROM change_log ORDER BY log_seq"))
    for r in rows.mappings():
        if r["log_seq"] != expected_seq:
            return expected_seq, "entry missing"
        entry = {"log_seq": r["log_seq"], "entity": r["entity"], "uuid": r["uuid"], "op": r["op"],
                 "row_version": r["row_version"], "row": json.loads(r["row"])}
        digest = chain_next(prev, entry)
        if digest.hex() != r["chain"]:
            return r["log_seq"], "content does not match its hash"
        prev, expected_seq = digest, expected_seq + 1
    return None


def rows_not_matching_log(session, models) -> list[str]:
    """Synced rows whose content differs from their newest log entry ("entity:uuid")."""
    from sqlmodel import select

    bad = []
    for model in models:
        table = model.__tablename__
        latest = dict(session.execute(text(
            "SELECT uuid, row FROM change_log c WHERE entity = :t AND log_seq = "
            "(SELECT max(log_seq) FROM change_log WHERE entity = :t AND uuid = c.uuid)"),
            {"t": table}).all())
        for obj in session.exec(select(model)):
            logged = latest.pop(obj.uuid, None)
            if logged is None or json.loads(logged) != row_of(obj):
                bad.append(f"{table}:{obj.uuid}")
        bad.extend(f"{table}:{u}" for u, row in latest.items() if row != "null")
    return bad
