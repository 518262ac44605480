"""Importing a bundle (SYNC.md "Importing at the district"): fail closed, cheapest check
first, nothing written until every check passes, one transaction per bundle, a signed
receipt at the end. Bundles that contradict what the district holds are quarantined.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterator

import sqlalchemy as sa

from cunwu import clock, faults
from cunwu.district import enrol, figures_table, outbox, people_index, records_io, rows as row_checks, spool
from cunwu.district.schema import bundles, quarantine, villages
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
    """Read once, under the size cap, and imported from memory: a file on removable media is
    never read a second time."""
    [(_, out)] = import_files(d, [Path(path)], receipts_dir)
    if isinstance(out, CunwuError):
        raise out
    return out


def import_spooled(d: District, spooled: Path, receipts_dir: Path | None = None,
                   helper: Helper | None = None) -> Outcome:
    """Import a body the receiver streamed to the spool, opened by `helper` when one is given
    (while this process writes another); the file is removed whatever the outcome."""
    try:
        early = helper.take(helper.submit(spooled)) if helper is not None else None
        return _finish(d, *(early or _prepared(d, spooled.read_bytes())), receipts_dir)
    finally:
        spooled.unlink(missing_ok=True)


def import_files(d: District, paths: list[Path], receipts_dir: Path | None = None,
                 ahead: bool | None = None) -> Iterator[tuple[Path, Outcome | CunwuError]]:
    """Each file in turn, as `import_file` would. With `ahead` (by default for two files or
    more, where a process can fork) the next file is read, verified and opened and its rows
    checked in a helper process while this one is written: on two cores a folder of bundles
    takes little more than its writing. The helper only runs ahead: a file it could not take
    all the way (a bad file, or one signed by a key a file before it announces) is taken again
    here in its turn, after the files before it are applied."""
    spool.sweep(d.spool)  # whatever a receiver killed mid-import left behind
    if ahead is None:
        ahead = len(paths) > 1 and Helper.possible()
    helper = Helper(d) if ahead else None

    def start(i: int) -> Future | None:
        return helper.submit(paths[i]) if helper and i < len(paths) else None

    try:
        coming = start(1)  # the first file is taken here while the helper starts on the second
        for i, path in enumerate(paths):
            early = None
            if i > 0:
                early = helper.take(coming) if helper else None
                coming = start(i + 1)
            try:
                yield path, _finish(d, *(early or _prepare_file(d, path)), receipts_dir)
            except CunwuError as e:
                yield path, e
    finally:
        if helper:
            helper.close()


_AHEAD: District | None = None  # in the helper process: the district it was forked from


class Helper:
    """A process forked from this one that reads, verifies and opens bundles (steps 1 to 8,
    no lock) while this one writes. It only runs ahead: a file it could not take all the way
    is taken again by the caller, and once it has died every file is."""

    def __init__(self, d: District) -> None:
        for key_id in d.encryption_key_ids():  # loaded here, so the helper never asks the keyring
            d.private(key_id)
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=mp.get_context("fork"), initializer=_helper_start, initargs=(d,))

    @staticmethod
    def possible() -> bool:
        return "fork" in mp.get_all_start_methods()

    def start(self) -> int | None:
        """Forked now, not at the first file (a server forks before it has threads); its pid,
        or None when it could not be (every file is then taken by the caller)."""
        try:
            return self._pool.submit(os.getpid).result()
        except (BrokenProcessPool, OSError):
            self._pool = None
            return None

    def submit(self, path: Path) -> Future | None:
        pool = self._pool  # once: another thread may find it dead meanwhile
        try:
            return pool.submit(_prepare_ahead, path) if pool else None
        except BrokenProcessPool:
            self._pool = None
            return None

    def take(self, coming: Future | None) -> tuple | None:
        """What the helper took all the way, else None."""
        try:
            return pickle.loads(coming.result()) if coming is not None else None
        except BrokenProcessPool:  # it died: the rest here, one after another
            self._pool = None
            return None

    def close(self) -> None:  # not waited for: it ends by itself with nothing left to do (15 ms)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def _helper_start(d: District) -> None:
    global _AHEAD
    d.engine.dispose(close=False)  # the parent's database connections stay the parent's
    _AHEAD = d
    # Gone with the command however it ends (kill -9 too), not an orphan holding the keys.
    threading.Thread(target=_end_with, args=(mp.parent_process().sentinel,), daemon=True).start()


def _end_with(parent: int) -> None:
    wait([parent])
    os._exit(0)


def _prepare_ahead(path: Path) -> bytes:
    """In the helper: what it took all the way, else None (the file is taken again in turn),
    pickled here so that the command unpickles it on its own thread when it comes to the file,
    not on the pool's thread while it writes (that thread's turns at the GIL slowed the writer)."""
    try:
        data, parsed, opened = _prepare_file(_AHEAD, path)
    except Exception:  # whatever it was, it happens again here, where it is reported
        return pickle.dumps(None)
    if opened is None:  # imported before
        return pickle.dumps((data, parsed, None), 5)
    # Opened, the payload is not needed again: not sent back, a copy of the file fewer.
    return pickle.dumps((data, replace(parsed, payload=b""), opened) if opened.ok else None, 5)


def _prepare_file(d: District, path: Path) -> tuple:
    """Read under the cap (a byte over it, which bundle.unpack, step 1, refuses) and taken as
    far as it goes without the lock."""
    return _prepared(d, read_capped(Path(path), bundle.MAX_BUNDLE_BYTES))


def _prepared(d: District, data: bytes) -> tuple:
    """Verified, and opened unless it was imported before (a village sending it again)."""
    parsed = check(d, data)
    return data, parsed, None if _already(d, parsed) else open_checked(d, parsed)


def import_bytes(d: District, data: bytes, receipts_dir: Path | None = None) -> Outcome:
    return _finish(d, *_prepared(d, data), receipts_dir)


def _finish(d: District, data: bytes, parsed: bundle.Parsed, opened: Opened | None,
            receipts_dir: Path | None) -> Outcome:
    try:
        outcome = apply(d, parsed, opened=opened)
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
    with d.reader.connect() as conn:  # 4
        if conn.execute(sa.select(villages.c.code).where(villages.c.code == env["village"])).first() is None:
            raise CunwuError("E_BUNDLE_VILLAGE", village=env["village"])
        key = enrol.key_in_force(conn, env)
    bundle.check_signature(parsed, bytes.fromhex(key["public_key"]))  # 5
    bundle.check_payload_hash(parsed)  # 6
    return parsed


# -- step 8: the work that needs no lock ------------------------------------------------------
@dataclass
class Opened:
    """What the transaction needs of a verified bundle, worked out before it begins (decrypted,
    decoded, chained, its rows checked and made ready to write), so that a writer holds the
    database's lock only to write. What went wrong is kept and raised inside the transaction
    where the step stood, so the order of the checks (already imported, replay, the chain, the
    link, the rows) is unchanged. Plain values only: it may come from another process."""
    rows: records_io.Rows | None = None  # ready to write
    changed: dict[str, list[str]] = field(default_factory=dict)  # people-index entity → uuids
    manifest: dict = field(default_factory=dict)
    count: int = 0  # op lines
    base: bytes = b""
    chains: list[bytes] = field(default_factory=list)
    error: CunwuError | None = None  # decrypting, unpacking, decoding, the chain
    row_error: Quarantined | None = None  # the rows, checked after the link

    @property
    def ok(self) -> bool:
        return self.error is None and self.row_error is None


def open_checked(d: District, parsed: bundle.Parsed) -> Opened:
    env = parsed.envelope
    try:
        contents = bundle.open_payload(parsed, d.private(env["recipient_key_id"]))
        ops = bundle.parse_ops(contents, env["log_from"])
        base = bytes.fromhex(contents.manifest["chain_base"])
        chains = bundle.chain_over(base, ops.lines)
        if (chains[-1] if chains else base).hex() != env["chain_head"]:
            raise CunwuError("E_BUNDLE_CHAIN", detail="the changes do not hash to the signed chain head")
    except CunwuError as e:
        return Opened(error=e)
    opened = Opened(manifest=contents.manifest, count=len(ops.lines), base=base, chains=chains)
    try:  # every row against the district's schema, before anything is written
        row_checks.check_ops(ops.changes, contents.ops)
    except row_checks.RowError as e:
        shown = row_checks.shown
        opened.row_error = Quarantined("E_BUNDLE_ROW", op=e.index, entity=shown(e.entity[:40]),
                                       uuid=shown(e.uuid[:40]), field=shown(e.field[:40]), problem=e.reason)
        return opened
    village = env["village"]
    opened.rows = records_io.ready(village, records_io.values_of(village, ops), d.engine.dialect.name)
    for entity in people_index.ENTITIES:  # the lookup indexes move with the rows
        uuids = sorted({op.uuid for op in ops.changes if op.entity == entity})
        if uuids:
            opened.changed[entity] = uuids
    return opened


# -- steps 7 to 10: one transaction ----------------------------------------------------------
def _already(d: District, parsed: bundle.Parsed) -> Outcome | None:
    with d.reader.connect() as conn:
        row = conn.execute(sa.select(bundles).where(
            bundles.c.envelope_sha256 == parsed.envelope_sha256)).mappings().first()
    if row is None:
        return None
    return Outcome("already", row["village"], row["seq"], row["envelope_sha256"], 0,
                   row["receipt"].encode("utf-8"))


def apply(d: District, parsed: bundle.Parsed, also: Callable | None = None,
          opened: Opened | None = None) -> Outcome:
    """Steps 7 to 10; `also(conn)` runs in the same transaction once the bundle is applied
    (a quarantine release records itself there). `opened`: step 8's work done beforehand."""
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
        enrol.key_in_force(conn, env)
        opened = opened or open_checked(d, parsed)
        if opened.error is not None:  # 8
            raise opened.error
        _check_link(v, env, opened.base, opened.chains)
        if opened.row_error is not None:
            raise opened.row_error
        faults.point("import.checked")
        applied = records_io.upsert_rows(conn, opened.rows)  # 9
        for entity, uuids in opened.changed.items():
            people_index.update(conn, code, entity, uuids)
        figures_table.forget(conn, code)  # the 总览's row is computed again at its next read
        faults.point("import.applied")
        enrol.rotate_keys(conn, code, seq, env["sender_key_id"], opened.manifest.get("announce_key"))
        if opened.manifest.get("down_applied"):
            outbox.confirm(conn, code, opened.manifest["down_applied"])
        now = clock.now_utc().isoformat(timespec="seconds")
        receipt = documents.dump({
            "format": documents.RECEIPT_FORMAT, "district": d.code, "village": code, "seq": seq,
            "envelope_sha256": digest, "last_log_seq": env["log_to"], "chain_head": env["chain_head"],
            "issued_at": now, "signing_key_id": d._key("sign")["key_id"],
            "reconciliation": records_io.reconciliation(conn, code, env["log_to"])}, d.signing_private())  # 10
        conn.execute(bundles.insert(), {
            "envelope_sha256": digest, "village": code, "seq": seq, "log_from": env["log_from"],
            "log_to": env["log_to"], "ops_count": opened.count, "applied_rows": applied,
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

