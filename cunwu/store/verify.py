"""Checks that the store is whole: both hash chains recomputed from the first entry, every
synced row equal to its newest log entry, and the guard triggers as the schema defines them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select, text

from cunwu.store import guards
from cunwu.store.canonical import GENESIS, RowEncoder, chain_next, log_entry_text
from cunwu.store.unit import audit_payload


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


@dataclass
class LogScan:
    """One pass over the change log: the first broken entry, how many entries there are,
    the chain value after each receipted entry asked for, and each row's newest entry."""

    broken: tuple[int, str] | None = None
    count: int = 0
    chain_at: dict[int, str] = field(default_factory=dict)
    newest: dict[str, dict[str, str]] = field(default_factory=dict)  # entity → uuid → row text


def scan_log(session, *, chain_at: tuple[int, ...] = ()) -> LogScan:
    """Recompute the chain from the first entry over the stored text, as the district does
    (store/canonical.log_entry_text), and keep each row's newest entry for compare_rows."""
    out = LogScan()
    wanted = set(chain_at)
    raw = session.connection().connection.driver_connection
    prev, expected_seq, sha256 = GENESIS, 1, hashlib.sha256
    newest = out.newest
    for seq, entity, uuid, op, version, row, chain in raw.execute(
            "SELECT log_seq, entity, uuid, op, row_version, row, chain FROM change_log "
            "ORDER BY log_seq"):
        if out.broken is None:
            if seq != expected_seq:
                out.broken = (expected_seq, "entry missing")
            else:
                prev = sha256(prev + log_entry_text(seq, entity, uuid, op, version, row)
                              .encode("utf-8")).digest()
                if prev.hex() != chain:
                    out.broken = (seq, "content does not match its hash")
                expected_seq += 1
        if seq in wanted:
            out.chain_at[seq] = chain
        out.count += 1
        newest.setdefault(entity, {})[uuid] = row
    return out


def first_broken_log(session) -> tuple[int, str] | None:
    return scan_log(session).broken


@dataclass
class RowFindings:
    mismatched: list[str] = field(default_factory=list)  # "entity:uuid", row differs or is gone
    unlogged: list[str] = field(default_factory=list)  # "entity:uuid", no log entry at all
    names: dict[str, str] = field(default_factory=dict)  # the first of each → its name, if any


def compare_rows(session, models, newest: dict[str, dict[str, str]]) -> RowFindings:
    """Every synced row against its newest log entry. Rows are read through their columns'
    types (so dates and times come back as the unit of work logged them) and encoded as it
    does; only a row whose text differs is compared value by value (1 and 1.0 are equal)."""
    out = RowFindings()
    for model in models:
        table = model.__table__
        names = [c.name for c in table.columns]
        encode = RowEncoder(names)
        logged = dict(newest.get(table.name, {}))
        for values in session.execute(select(table)):
            row = dict(zip(names, values))
            key = f"{table.name}:{row['uuid']}"
            entry = logged.pop(row["uuid"], None)
            if entry is None:
                found = out.unlogged
            else:
                mine = encode(row)
                if mine == entry or json.loads(mine) == json.loads(entry):
                    continue
                found = out.mismatched
            if not found:
                out.names[key] = _name_of(row)
            found.append(key)
        for uuid, entry in logged.items():  # logged as present, but the row is gone
            if entry != "null":
                if not out.mismatched:
                    out.names[f"{table.name}:{uuid}"] = _name_of(json.loads(entry))
                out.mismatched.append(f"{table.name}:{uuid}")
    return out


def _name_of(row: dict) -> str:
    """What a clerk would call the record: its name, number or title."""
    for column in ("name", "number", "title", "username", "code"):
        if row.get(column):
            return str(row[column])
    return ""


def rows_not_matching_log(session, models) -> list[str]:
    """Synced rows whose content differs from their newest log entry ("entity:uuid")."""
    found = compare_rows(session, models, scan_log(session).newest)
    return found.mismatched + found.unlogged


def expected_triggers(synced_tables, append_only_tables) -> dict[str, str]:
    """trigger name → the CREATE statement the migrations run for it."""
    statements = [sql for table in synced_tables for sql in guards.guard_sql(table)]
    statements += [sql for table in append_only_tables for sql in guards.append_only_sql(table)]
    return {sql.split()[2]: sql for sql in statements}  # CREATE TRIGGER <name> …


def trigger_findings(session, expected: dict[str, str]) -> list[str]:
    """Triggers missing, changed or added, compared with `expected`, as 'name (why)'."""
    found = dict(session.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")).all())
    out = []
    for name, sql in expected.items():
        have = found.pop(name, None)
        if have is None:
            out.append(f"{name} (missing)")
        elif " ".join(have.split()) != " ".join(sql.split()):
            out.append(f"{name} (changed)")
    out.extend(f"{name} (not in the schema)" for name in found)
    return out
