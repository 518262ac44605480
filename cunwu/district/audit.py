"""The district's audit trail (区县审计): logins, person lookups, full-ID views, exports,
account and quarantine actions, hash-chained like the village's (store/canonical.py) and checked
by verify(). No entry ever holds a full ID number: any in the text is masked on the way in.
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from cunwu import clock
from cunwu.district.schema import audit_log
from cunwu.domain.idnumbers import mask
from cunwu.store.canonical import GENESIS, canonical_json, chain_next

# 18-digit and legacy 15-digit ID numbers standing alone in a text
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
FIELDS = ("seq", "at", "actor", "action", "target", "detail")


def scrub(text: str) -> str:
    """The text with every ID number in it masked (110105********002X)."""
    return _ID.sub(lambda m: mask(m.group(1)), text)


def append(conn, actor: str, action: str, target: str = "", detail: dict | None = None) -> int:
    """One entry inside the caller's transaction, so the entry and what it records commit
    together. Returns its number."""
    if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE already serialises writers
        conn.execute(sa.text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    last = conn.execute(sa.select(audit_log.c.seq, audit_log.c.chain)
                        .order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq, bytes.fromhex(last.chain)) if last else (0, GENESIS)
    entry = {"seq": seq + 1, "at": clock.stamp(), "actor": scrub(actor)[:64],
             "action": action, "target": scrub(target)[:200],
             "detail": scrub(canonical_json(detail or {}).decode("utf-8"))}
    entry["chain"] = chain_next(prev, {k: entry[k] for k in FIELDS}).hex()
    conn.execute(audit_log.insert(), entry)
    return entry["seq"]


def record(d, actor: str, action: str, target: str = "", detail: dict | None = None) -> int:
    """One entry in its own transaction: a lookup or a view that changes nothing else."""
    with d.engine.begin() as conn:
        return append(conn, actor, action, target, detail)


def entries(d, limit: int = 200, action: str | None = None) -> list[dict]:
    """The newest entries first, the detail decoded."""
    q = sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if action:
        q = q.where(audit_log.c.action == action)
    with d.reader.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    for r in rows:
        r["detail"] = json.loads(r["detail"])
    return rows


def verify(d) -> list[str]:
    """Walk the chain from the start; each problem found, in plain words (none: intact)."""
    problems, prev, expected = [], GENESIS, 1
    with d.reader.connect() as conn:
        rows = conn.execution_options(yield_per=5000).execute(
            sa.select(audit_log).order_by(audit_log.c.seq)).mappings()
        for r in rows:
            if r["seq"] != expected:
                problems.append(f"entry {expected} is missing (next is {r['seq']})")
            digest = chain_next(prev, {k: r[k] for k in FIELDS})
            if digest.hex() != r["chain"]:
                problems.append(f"entry {r['seq']} does not match the chain")
            prev, expected = bytes.fromhex(r["chain"]), r["seq"] + 1
    return problems
