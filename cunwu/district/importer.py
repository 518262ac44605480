"""Importing a bundle (SYNC.md "Importing at the district"): fail closed, cheapest check
first, nothing written until every check passes, one transaction per bundle, a signed
receipt at the end. Bundles that contradict what the district holds are quarantined.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Callable

import sqlalchemy as sa

from cunwu import clock, faults
from cunwu.district import figures_table, outbox, people_index, rows as row_checks, spool
from cunwu.district.schema import bundles, quarantine, village_keys, villages
from cunwu.district.store import District
from cunwu.errors import MESSAGES, CunwuError
from cunwu.store import schema
from cunwu.store.canonical import canonical_json
from cunwu.files import read_capped, write_atomic
from cunwu.sync import bundle, documents


@dataclass
class Outcome:
    status: str  # "applied" | "already"
    village: str
    seq: int
    envelope_sha256: str
    rows: int
    receipt: bytes

    def receipt_name(self) -> str:
        return receipt_name(self.village, self.seq)


def receipt_name(village: str, seq: int) -> str:
    return f"CW-{village}-{seq:06d}.receipt.json"


class Quarantined(Exception):
    """The bundle contradicts what the district holds, or a row fails its check: kept for
    review. The reason is a coded error, kept as its code and values so that each reader sees
    it in their own language (quarantine.reason)."""

    def __init__(self, code: str, **params) -> None:
        self.error = CunwuError(code, **params)
        super().__init__(code)
        self.code, self.params = code, params

    @property
    def reason(self) -> str:
        return self.error.message


# -- entry points ----------------------------------------------------------------------------
def import_file(d: District, path: Path, receipts_dir: Path | None = None) -> Outcome:
    """Copy to the local spool first (never import in place from removable media)."""
    data = read_capped(Path(path), bundle.MAX_BUNDLE_BYTES)
    if len(data) > bundle.MAX_BUNDLE_BYTES:
        raise CunwuError("E_BUNDLE_SIZE", size=len(data), limit=bundle.MAX_BUNDLE_BYTES)
    spool.sweep(d.spool)  # whatever a process killed mid-import left behind
    spooled = spool.new_path(d.spool)
    write_atomic(spooled, data)
    return import_spooled(d, spooled, receipts_dir)


def import_spooled(d: District, spooled: Path, receipts_dir: Path | None = None) -> Outcome:
    """Import a file already in the spool; the file is removed whatever the outcome."""
    try:
        return import_bytes(d, spooled.read_bytes(), receipts_dir)
    finally:
        spooled.unlink(missing_ok=True)


def import_bytes(d: District, data: bytes, receipts_dir: Path | None = None) -> Outcome:
    parsed = check(d, data)
    try:
        outcome = apply(d, parsed)
    except Quarantined as q:
        _quarantine(d, parsed, data, q)
        raise CunwuError("E_BUNDLE_QUARANTINED", seq=parsed.envelope["seq"],
                         village=parsed.envelope["village"], reason=q.reason) from None
    except sa.exc.IntegrityError:
        # Another importer recorded this bundle between our checks and our commit.
        outcome = _already(d, parsed)
        if outcome is None:
            raise
    if receipts_dir is not None:
        write_atomic(Path(receipts_dir) / outcome.receipt_name(), outcome.receipt)
    return outcome


# -- steps 1 to 6: no database writes ------------------------------------------------------
def check(d: District, data: bytes) -> bundle.Parsed:
    parsed = bundle.unpack(data)  # 1 (and the envelope's shape)
    env = parsed.envelope
    found = frozenset(env["schema_version"].split("+"))  # 2
    if schema.unknown(found):
        raise CunwuError("E_BUNDLE_SCHEMA", found=env["schema_version"][:80],
                         supported="+".join(sorted(schema.heads())))
    if env["district"] != d.code:  # 3
        raise CunwuError("E_BUNDLE_DISTRICT", detail=env["district"])
    if env["recipient_key_id"] not in d.encryption_key_ids():
        raise CunwuError("E_BUNDLE_DISTRICT", detail=env["recipient_key_id"])
    with d.engine.connect() as conn:  # 4
        if conn.execute(sa.select(villages.c.code).where(villages.c.code == env["village"])).first() is None:
            raise CunwuError("E_BUNDLE_VILLAGE", village=env["village"])
        key = conn.execute(sa.select(village_keys).where(
            (village_keys.c.village == env["village"])
            & (village_keys.c.key_id == env["sender_key_id"]))).mappings().first()
    if key is None:
        raise CunwuError("E_BUNDLE_KEY", key_id=env["sender_key_id"], village=env["village"])
    revoked = key["revoked_from_seq"]
    if env["seq"] < key["valid_from_seq"] or (revoked is not None and env["seq"] >= revoked):
        raise CunwuError("E_BUNDLE_REVOKED", key_id=key["key_id"], seq=env["seq"],
                         revoked_from=revoked if revoked is not None else key["valid_from_seq"])
    bundle.check_signature(parsed, bytes.fromhex(key["public_key"]))  # 5
    bundle.check_payload_hash(parsed)  # 6
    return parsed


# -- steps 7 to 10: one transaction ----------------------------------------------------------
def _already(d: District, parsed: bundle.Parsed) -> Outcome | None:
    with d.engine.connect() as conn:
        row = conn.execute(sa.select(bundles).where(
            bundles.c.envelope_sha256 == parsed.envelope_sha256)).mappings().first()
    if row is None:
        return None
    return Outcome("already", row["village"], row["seq"], row["envelope_sha256"], 0,
                   row["receipt"].encode("utf-8"))


def apply(d: District, parsed: bundle.Parsed, also: Callable | None = None) -> Outcome:
    """Steps 7 to 10; `also(conn)` runs in the same transaction once the bundle is applied
    (a quarantine release records itself there)."""
    env, digest = parsed.envelope, parsed.envelope_sha256
    code, seq = env["village"], env["seq"]
    with d.engine.begin() as conn:
        faults.point("import.begin")
        v = conn.execute(sa.select(villages).where(villages.c.code == code).with_for_update()) \
            .mappings().one()
        row = conn.execute(sa.select(bundles).where(bundles.c.envelope_sha256 == digest)).mappings().first()
        if row is not None:  # 7: already imported: success, no effect
            return Outcome("already", code, seq, digest, 0, row["receipt"].encode("utf-8"))
        if conn.execute(sa.select(bundles.c.seq).where(
                (bundles.c.village == code) & (bundles.c.seq == seq))).first() is not None:
            raise Quarantined("E_BUNDLE_SEQ_TAKEN")
        if seq < v["last_seq"]:
            raise CunwuError("E_BUNDLE_REPLAY", seq=seq, last=v["last_seq"])
        contents = bundle.open_payload(parsed, d.private(env["recipient_key_id"]))  # 8
        ops = bundle.parse_ops(contents, env["log_from"])
        base = bytes.fromhex(contents.manifest["chain_base"])
        chains = bundle.chain_over(base, ops.lines)
        if (chains[-1] if chains else base).hex() != env["chain_head"]:
            raise CunwuError("E_BUNDLE_CHAIN", detail="the changes do not hash to the signed chain head")
        _check_link(v, env, base, chains)
        try:  # every row against the district's schema, before anything is written
            row_checks.check_ops(ops.changes, contents.ops)
        except row_checks.RowError as e:
            shown = row_checks.shown
            raise Quarantined("E_BUNDLE_ROW", op=e.index, entity=shown(e.entity[:40]), uuid=shown(e.uuid[:40]),
                              field=shown(e.field[:40]), problem=e.reason) from None
        faults.point("import.checked")
        applied = _upsert(conn, code, ops)  # 9
        for entity in people_index.ENTITIES:  # the lookup indexes move with the rows
            changed = sorted({op.uuid for op in ops.changes if op.entity == entity})
            if changed:
                people_index.update(conn, code, entity, changed)
        figures_table.forget(conn, code)  # the 总览's row is computed again at its next read
        faults.point("import.applied")
        _rotate_keys(conn, code, seq, env["sender_key_id"], contents.manifest.get("announce_key"))
        if contents.manifest.get("down_applied"):
            outbox.confirm(conn, code, contents.manifest["down_applied"])
        now = clock.now_utc().isoformat(timespec="seconds")
        receipt = documents.dump({
            "format": documents.RECEIPT_FORMAT, "district": d.code, "village": code, "seq": seq,
            "envelope_sha256": digest, "last_log_seq": env["log_to"], "chain_head": env["chain_head"],
            "issued_at": now, "signing_key_id": d._key("sign")["key_id"],
            "reconciliation": reconciliation(conn, code, env["log_to"])}, d.signing_private())  # 10
        conn.execute(bundles.insert(), {
            "envelope_sha256": digest, "village": code, "seq": seq, "log_from": env["log_from"],
            "log_to": env["log_to"], "ops_count": len(ops.lines), "applied_rows": applied,
            "imported_at": now, "receipt": receipt.decode("utf-8")})
        faults.point("import.recorded")
        newer = env["log_to"] >= v["last_log_seq"]
        conn.execute(villages.update().where(villages.c.code == code), {
            "last_seq": seq, "last_envelope_sha256": digest, "last_import_at": now,
            "last_log_seq": env["log_to"] if newer else v["last_log_seq"],
            "last_chain": env["chain_head"] if newer else v["last_chain"]})
        if also is not None:
            also(conn)
        faults.point("import.commit")
    return Outcome("applied", code, seq, digest, applied, receipt)


_LIVE = "SELECT entity, uuid, row_version FROM records WHERE village = %s AND NOT deleted"


def reconciliation(conn, village: str, log_seq: int) -> dict:
    """What the receipt tells the village about the district's copy, read in the import's own
    transaction: as of log_seq, per entity, the count and digest of the village's live rows."""
    # The driver's own cursor, all rows in one fetch: Core's rows cost twice the read, and
    # psycopg's row-by-row fetch three times.
    sql = _LIVE.replace("%s", "?") if conn.dialect.name == "sqlite" else _LIVE
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql, (village,))
        live = cur.fetchall()
    finally:
        cur.close()
    return {"log_seq": log_seq, "entities": documents.summarise(live)}


def _check_link(v, env: dict, base: bytes, chains: list[bytes]) -> None:
    """The bundle's changes must continue (or overlap) the chain the district holds."""
    held, start = v["last_log_seq"], env["log_from"]
    if start - 1 > held:
        raise Quarantined("E_BUNDLE_GAP", first=held + 1, last=start - 1)
    if start - 1 == held:
        ok = base.hex() == v["last_chain"]
    elif held > env["log_to"]:
        ok = False
    else:
        ok = chains[held - start].hex() == v["last_chain"]
    if not ok:
        raise Quarantined("E_BUNDLE_HISTORY")


def _upsert(conn, village: str, ops: bundle.Ops) -> int:
    """Keyed on (village, entity, uuid); a row changes only for a newer row_version. Within a
    bundle the last change of a row wins. (Sorting by key first was measured: it costs more
    than the B-tree saves.)"""
    values = [(village, op.entity, op.uuid, op.row_version, op.row is None, op.log_seq,
               "null" if op.row is None else str(op.row, "utf-8")) for op in ops.changes]
    if len({v[2] for v in values}) < len(values):  # a uuid twice: a row changed twice keeps its last change
        values = list({_KEY(v): v for v in values}.values())
    return upsert_rows(conn, values) if values else 0


_KEY = itemgetter(1, 2)


UPSERT_SET = ("ON CONFLICT (village, entity, uuid) DO UPDATE SET row_version = excluded.row_version, "
              "deleted = excluded.deleted, log_seq = excluded.log_seq, row = excluded.row "
              "WHERE excluded.row_version > records.row_version")
COLUMNS = "village, entity, uuid, row_version, deleted, log_seq, row"


def upsert_rows(conn, values: list[tuple]) -> int:
    if conn.dialect.name == "postgresql":
        return _upsert_pg(conn, values)
    cur = conn.connection.driver_connection.cursor()
    try:
        whole = len(values) - len(values) % BATCH
        changed = 0
        for start in range(0, whole, BATCH):
            cur.execute(_UPSERT_BATCH, list(chain.from_iterable(values[start:start + BATCH])))
            changed += cur.rowcount
        cur.executemany(_UPSERT_ONE, values[whole:])
        return changed + max(cur.rowcount, 0)
    finally:
        cur.close()


# SQLite: rows BATCH to a statement take a sixth less time than one statement per row (fewer
# steps and resets); 128 × 7 values stay under the 999 an older SQLite allows a statement.
BATCH = 128
_UPSERT_ONE = f"INSERT INTO records ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) {UPSERT_SET}"
_UPSERT_BATCH = f"INSERT INTO records ({COLUMNS}) VALUES {', '.join(['(?, ?, ?, ?, ?, ?, ?)'] * BATCH)} {UPSERT_SET}"


def _upsert_pg(conn, values: list[tuple]) -> int:
    """COPY into a temporary table, then one INSERT … ON CONFLICT: PostgreSQL's fast path."""
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (village text, entity text, uuid text, "
                    "row_version integer, deleted boolean, log_seq integer, row text) ON COMMIT DELETE ROWS")
        cur.execute("TRUNCATE incoming")
        with cur.copy(f"COPY incoming ({COLUMNS}) FROM STDIN") as copy:
            for v in values:
                copy.write_row(v)
        cur.execute(f"INSERT INTO records ({COLUMNS}) SELECT {COLUMNS} FROM incoming {UPSERT_SET}")
        return max(cur.rowcount, 0)


def _rotate_keys(conn, village: str, seq: int, sender: str, announce) -> None:
    """A key announced in a bundle is valid from the next one; the first bundle signed by a
    rotated-in key revokes the older keys from its number on."""
    now = clock.now_utc().isoformat(timespec="seconds")
    if isinstance(announce, dict):
        from cunwu.sync import crypto

        try:
            public = crypto.raw_from_pem(str(announce.get("public_key_pem")))
        except CunwuError:
            public = None
        if public is not None and crypto.key_id(public) == announce.get("key_id"):
            known = conn.execute(sa.select(village_keys.c.key_id).where(
                (village_keys.c.village == village) & (village_keys.c.key_id == announce["key_id"]))).first()
            if known is None:
                conn.execute(village_keys.insert(), {
                    "village": village, "key_id": announce["key_id"], "public_key": public.hex(),
                    "fingerprint": crypto.fingerprint(public), "valid_from_seq": seq + 1,
                    "revoked_from_seq": None, "source": "rotation", "added_at": now})
    key = conn.execute(sa.select(village_keys).where(
        (village_keys.c.village == village) & (village_keys.c.key_id == sender))).mappings().one()
    if key["source"] == "rotation":
        conn.execute(village_keys.update().where(
            (village_keys.c.village == village) & (village_keys.c.key_id != sender)
            & (village_keys.c.revoked_from_seq.is_(None))), {"revoked_from_seq": seq})


def _quarantine(d: District, parsed: bundle.Parsed, data: bytes, q: Quarantined) -> None:
    """Kept with its reason's code and values, and the reason in English for the record."""
    env = parsed.envelope
    with d.engine.begin() as conn:
        exists = conn.execute(sa.select(quarantine.c.envelope_sha256).where(
            quarantine.c.envelope_sha256 == parsed.envelope_sha256)).first()
        if exists is None:
            conn.execute(quarantine.insert(), {
                "envelope_sha256": parsed.envelope_sha256, "village": env["village"], "seq": env["seq"],
                "code": q.code, "reason": MESSAGES[q.code].format(**q.params),
                "params": canonical_json(q.params).decode("utf-8"),
                "received_at": clock.now_utc().isoformat(timespec="seconds"), "data": data})

