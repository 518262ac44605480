"""The village's side of sync: its signing key, enrolment, writing bundles, receipts, status.

A bundle is cumulative: every change after the last change a receipt confirmed. Writing
one records it in the same transaction that writes the file, so nothing is marked exported
unless the file is on the stick, read back and verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, text
from sqlmodel import select

from cunwu import __version__, clock
from cunwu.errors import CunwuError
from cunwu.store import schema
from cunwu.store.canonical import GENESIS
from cunwu.sync import bundle, crypto, documents, faults
from cunwu.sync.files import read_capped, write_atomic
from cunwu.sync.keystore import KeyVault
from cunwu.sync.tables import SyncBundle, SyncDistrict, SyncKey, SyncReceipt


def vault(store, passphrase=None) -> KeyVault:
    kw = {"passphrase": passphrase} if passphrase else {}
    return KeyVault(store.paths.data_dir / "keys", namespace="village-", **kw)


def schema_version() -> str:
    return "+".join(sorted(schema.heads()))


# -- keys ----------------------------------------------------------------------------------
def _keys(session, state: str) -> SyncKey | None:
    return session.exec(select(SyncKey).where(SyncKey.state == state)).first()


def active_key(store) -> SyncKey | None:
    with store.read() as s:
        return _keys(s, "active")


def _make_key(store, state: str, passphrase=None) -> SyncKey:
    private, public = crypto.new_signing_key()
    kid = crypto.key_id(public)
    storage = vault(store, passphrase).put(kid, private)
    return SyncKey(key_id=kid, public_key=public.hex(), fingerprint=crypto.fingerprint(public),
                   storage=storage, state=state, created_at=clock.now_utc())


def ensure_key(store, actor, passphrase=None) -> SyncKey:
    """The active signing key, made on first use (so `cunwu init` needs no passphrase)."""
    key = active_key(store)
    if key is not None:
        return key
    key = _make_key(store, "active", passphrase)
    with store.write(actor, "sync.key.create") as uow:
        uow.add(key)
        uow.detail = {"key_id": key.key_id, "storage": key.storage}
    return key


def _private(store, key: SyncKey, passphrase=None) -> bytes:
    return vault(store, passphrase).get(key.key_id, key.storage)


def rotate_key(store, actor, passphrase=None) -> SyncKey:
    """A new key, announced in the next bundles (signed by the current key) until a receipt
    confirms the announcement; then it signs."""
    if active_key(store) is None:
        raise CunwuError("E_SYNC_NO_KEY")
    with store.read() as s:
        if _keys(s, "next") is not None:
            return _keys(s, "next")
    key = _make_key(store, "next", passphrase)
    with store.write(actor, "sync.key.rotate") as uow:
        uow.add(key)
        uow.detail = {"key_id": key.key_id}
    return key


def replace_lost_key(store, actor, passphrase=None) -> SyncKey:
    """After losing the private key: a new active key, to enrol again at the district."""
    key = _make_key(store, "active", passphrase)
    with store.write(actor, "sync.key.replace") as uow:
        for old in uow.session.exec(select(SyncKey).where(SyncKey.state.in_(("active", "next")))):
            old.state = "lost"
            uow.save(old)
        uow.add(key)
        uow.detail = {"key_id": key.key_id}
    return key


# -- enrolment -----------------------------------------------------------------------------
def enrol_request(store, actor, out: Path, passphrase=None) -> dict:
    key = ensure_key(store, actor, passphrase)
    v = store.village()
    public = bytes.fromhex(key.public_key)
    body = {"format": documents.REQUEST_FORMAT, "village": v.code, "village_name": v.name,
            "district": v.district_code, "public_key_pem": crypto.public_pem(public),
            "key_id": key.key_id, "fingerprint": key.fingerprint,
            "created_at": clock.now_utc().isoformat(timespec="seconds")}
    write_atomic(Path(out), documents.dump(body, _private(store, key, passphrase)))
    return {"file": str(out), "village": v.code, "key_id": key.key_id, "fingerprint": key.fingerprint}


def read_certificate(data: bytes, village_code: str, district_code: str) -> dict:
    body, sig = documents.load(data, documents.CERT_FORMAT, "E_CERT_FORMAT")
    try:
        signing = crypto.raw_from_pem(body["signing_key_pem"])
        encryption = crypto.unb64(body["encryption_key"])
    except Exception as e:
        raise CunwuError("E_CERT_FORMAT", detail="keys") from e
    if len(encryption) != 32 or not documents.signed_by(body, sig, signing):
        raise CunwuError("E_CERT_SIGNATURE")
    if body.get("fingerprint") != crypto.fingerprint(signing, encryption):
        raise CunwuError("E_CERT_FINGERPRINT", expected=crypto.fingerprint(signing, encryption),
                         found=str(body.get("fingerprint")))
    if body.get("district") != district_code or body.get("village") != village_code:
        raise CunwuError("E_CERT_OTHER", district=str(body.get("district")), village=str(body.get("village")))
    return body | {"_signing": signing, "_encryption": encryption}


def accept_district(store, actor, path: Path, expect_fingerprint: str | None = None) -> dict:
    data = read_capped(Path(path), documents.MAX_DOCUMENT_BYTES)
    v = store.village()
    cert = read_certificate(data, v.code, v.district_code)
    if expect_fingerprint is not None and _norm(expect_fingerprint) != _norm(cert["fingerprint"]):
        raise CunwuError("E_CERT_FINGERPRINT", expected=expect_fingerprint, found=cert["fingerprint"])
    with store.write(actor, "sync.district.accept") as uow:
        for old in uow.session.exec(select(SyncDistrict)):
            uow.delete(old)
        uow.add(SyncDistrict(
            district_code=cert["district"], name=str(cert.get("name", "")),
            signing_key=cert["_signing"].hex(), encryption_key=cert["_encryption"].hex(),
            encryption_key_id=crypto.key_id(cert["_encryption"]), fingerprint=cert["fingerprint"],
            certificate=data.decode("utf-8"), url=str(cert.get("url") or ""),
            installed_at=clock.now_utc()))
        uow.detail = {"district": cert["district"], "fingerprint": cert["fingerprint"]}
    return {"district": cert["district"], "name": cert.get("name", ""), "fingerprint": cert["fingerprint"]}


def _norm(fp: str) -> str:
    return "".join(fp.split()).upper()


def district(store) -> SyncDistrict | None:
    with store.read() as s:
        return s.exec(select(SyncDistrict)).first()


# -- building a bundle ---------------------------------------------------------------------
@dataclass
class Built:
    data: bytes
    name: str
    envelope: dict
    envelope_sha256: str
    ops_count: int
    announced: str | None


def last_confirmed(session) -> int:
    return session.execute(select(func.max(SyncReceipt.last_log_seq))).scalar() or 0


def build(store, passphrase=None) -> Built:
    """The next bundle's bytes, from the change log after the last receipt (reads only)."""
    writers: list = []
    try:
        return _build(store, passphrase, writers)
    finally:
        for w in writers:  # their worker threads end however the build ended
            w.close()


def _build(store, passphrase, writers: list) -> Built:
    v = store.village()
    with store.read() as s:
        dist = s.exec(select(SyncDistrict)).first()
        if dist is None:
            raise CunwuError("E_SYNC_NOT_ENROLLED")
        key, nxt = _keys(s, "active"), _keys(s, "next")
        if key is None:
            raise CunwuError("E_SYNC_NO_KEY")
        confirmed = last_confirmed(s)
        last = s.exec(select(SyncBundle).order_by(SyncBundle.seq.desc())).first()
        base = s.execute(text("SELECT chain FROM change_log WHERE log_seq = :n"), {"n": confirmed}).scalar()
        tip = s.execute(text("SELECT log_seq, chain FROM change_log ORDER BY log_seq DESC LIMIT 1")).first()
        entities = dict(s.execute(text("SELECT entity, count(*) FROM change_log WHERE log_seq > :n "
                                       "GROUP BY entity"), {"n": confirmed}).all())
        raw = s.connection().connection.driver_connection
        chain_base = base if base else GENESIS.hex()
        log_to, head = (tip[0], tip[1]) if tip and tip[0] > confirmed else (confirmed, chain_base)
        # The lines must hash to the log's own chain, or the district could never link them.
        # For ASCII names SQLite's json_quote escapes exactly as Python's json does (quotes,
        # backslashes, control characters) and NFC changes nothing, so the last line's hash
        # proves the format; any non-ASCII name takes the slow path, checked line by line.
        unusual = s.execute(text(
            "SELECT 1 FROM change_log WHERE log_seq > :n AND (length(CAST(uuid AS BLOB)) != "
            "length(uuid) OR length(CAST(entity AS BLOB)) != length(entity)) LIMIT 1"),
            {"n": confirmed}).first()
        writer = bundle.PayloadWriter()
        writers.append(writer)
        if not unusual:
            _stream_op_lines(raw, confirmed, writer)
            if writer.count:
                before = s.execute(text("SELECT chain FROM change_log WHERE log_seq = :n"),
                                   {"n": log_to - 1}).scalar() or GENESIS.hex()
                if bundle.chain_over(bytes.fromhex(before), [writer.last_line])[-1].hex() != head:
                    writer = bundle.PayloadWriter()
                    writers.append(writer)
        if not writer.count and log_to > confirmed:
            lines = _op_lines_slow(raw, confirmed)
            if bundle.chain_over(bytes.fromhex(chain_base), lines)[-1].hex() != head:
                raise CunwuError("E_CHANGELOG_BROKEN", seq=log_to, detail="content does not match its hash")
            writer.add_lines(lines)
    seq = (last.seq + 1) if last else 1
    env = {"format": bundle.FORMAT, "village": v.code, "district": dist.district_code, "seq": seq,
           "prev_envelope_sha256": last.envelope_sha256 if last else bundle.ZERO_HASH,
           "log_from": confirmed + 1, "log_to": log_to, "chain_head": head,
           "sender_key_id": key.key_id, "recipient_key_id": dist.encryption_key_id,
           "schema_version": schema_version(), "app_version": __version__,
           "created_at": clock.now_utc().isoformat(timespec="seconds")}
    manifest = {"format": bundle.PAYLOAD_FORMAT, "village": v.code, "district": dist.district_code,
                "seq": seq, "log_from": env["log_from"], "log_to": log_to, "chain_base": chain_base,
                "chain_head": head, "entities": entities}
    if nxt is not None:
        manifest["announce_key"] = {"key_id": nxt.key_id, "fingerprint": nxt.fingerprint,
                                    "public_key_pem": crypto.public_pem(bytes.fromhex(nxt.public_key))}
    payload = writer.seal(manifest, env, bytes.fromhex(dist.encryption_key))
    data, env_bytes = bundle.assemble(env, _private(store, key, passphrase), payload)
    return Built(data, bundle.file_name(v.code, seq), env, bundle.sha256(env_bytes), writer.count,
                 nxt.key_id if nxt else None)


# canonical_json of each change-log entry, built by SQLite: the row is stored canonical already
# and json_quote escapes the names as canonical JSON does, so no Python loop over 100,000 rows.
# The chain check in build() proves the result; _op_lines_slow is the fallback.
_LINES_SQL = ("""SELECT '{"entity":' || json_quote(entity) || ',"log_seq":' || log_seq || """
              """',"op":' || json_quote(op) || ',"row":' || row || ',"row_version":' || row_version """
              """|| ',"uuid":' || json_quote(uuid) || '}' FROM change_log WHERE log_seq > ? ORDER BY log_seq""")


def _stream_op_lines(raw, after: int, writer, batch: int = 10_000) -> None:
    previous = raw.text_factory
    raw.text_factory = bytes  # UTF-8 as stored: no decoding and encoding again
    try:
        cur = raw.execute(_LINES_SQL, (after,))
        while rows := cur.fetchmany(batch):
            writer.add_lines([r[0] for r in rows])
    finally:
        raw.text_factory = previous


def _op_lines_slow(raw, after: int) -> list[bytes]:
    rows = raw.execute("SELECT log_seq, entity, uuid, op, row_version, row FROM change_log "
                       "WHERE log_seq > ? ORDER BY log_seq", (after,)).fetchall()
    return [bundle.op_line(*r) for r in rows]


def verify_own(data: bytes, built: Built, public: bytes) -> None:
    """Read-back check: the same bytes, and a bundle the district's first steps accept."""
    if bundle.sha256(data) != bundle.sha256(built.data):
        raise CunwuError("E_EXPORT_VERIFY", detail="content differs")
    parsed = bundle.unpack(data)
    bundle.check_signature(parsed, public)
    bundle.check_payload_hash(parsed)


def _record(uow, built: Built, transport: str) -> None:
    env = built.envelope
    uow.add(SyncBundle(seq=env["seq"], file_name=built.name, envelope_sha256=built.envelope_sha256,
                       log_from=env["log_from"], log_to=env["log_to"], chain_head=env["chain_head"],
                       ops_count=built.ops_count, sender_key_id=env["sender_key_id"],
                       transport=transport, created_at=clock.now_utc()))
    if built.announced:
        nxt = uow.session.exec(select(SyncKey).where(SyncKey.key_id == built.announced)).one()
        if nxt.announced_seq is None:
            nxt.announced_seq = env["seq"]
            uow.save(nxt)
    uow.detail = {"seq": env["seq"], "log_from": env["log_from"], "log_to": env["log_to"],
                  "ops": built.ops_count, "transport": transport}


def export_bundle(store, actor, out_dir: Path, *, progress=None, passphrase=None) -> dict:
    """Write the next bundle into out_dir; returns its path once read back and verified."""
    if not actor.may("write"):
        raise CunwuError("E_PERMISSION", user=actor.username, role=actor.role, action="sync.export")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise CunwuError("E_EXPORT_WRITE", path=str(out_dir), detail="not a folder")
    built = build(store, passphrase)
    path = out_dir / built.name
    public = bytes.fromhex(active_key(store).public_key)
    placed = False
    try:
        with store.write(actor, "sync.export") as uow:
            _record(uow, built, "file")
            faults.point("export.record")
            write_atomic(path, built.data, progress)
            placed = True
            faults.point("export.readback")
            verify_own(read_capped(path, bundle.MAX_BUNDLE_BYTES), built, public)
            faults.point("export.commit")
    except BaseException:
        if placed:  # not recorded, so it must not stay on the stick under its final name
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        raise
    return {"path": str(path), "seq": built.envelope["seq"], "changes": built.ops_count,
            "log_from": built.envelope["log_from"], "log_to": built.envelope["log_to"],
            "envelope_sha256": built.envelope_sha256}


# -- receipts ------------------------------------------------------------------------------
def import_receipt(store, actor, data: bytes, via: str = "file") -> dict:
    body, sig = documents.load(data, documents.RECEIPT_FORMAT, "E_RECEIPT_FORMAT")
    dist = district(store)
    if dist is None:
        raise CunwuError("E_SYNC_NOT_ENROLLED")
    if not documents.signed_by(body, sig, bytes.fromhex(dist.signing_key)):
        raise CunwuError("E_RECEIPT_SIGNATURE")
    v = store.village()
    if body.get("village") != v.code or body.get("district") != dist.district_code:
        raise CunwuError("E_RECEIPT_VILLAGE", village=str(body.get("village")))
    with store.write(actor, "sync.receipt") as uow:
        s = uow.session
        sent = s.exec(select(SyncBundle).where(SyncBundle.seq == body.get("seq"))).first()
        if sent is None or sent.envelope_sha256 != body.get("envelope_sha256") \
                or not isinstance(body.get("last_log_seq"), int) or body["last_log_seq"] > sent.log_to:
            raise CunwuError("E_RECEIPT_UNKNOWN", seq=str(body.get("seq")))
        seen = s.exec(select(SyncReceipt).where(
            SyncReceipt.envelope_sha256 == sent.envelope_sha256)).first()
        if seen is None:
            uow.add(SyncReceipt(seq=sent.seq, envelope_sha256=sent.envelope_sha256,
                                last_log_seq=body["last_log_seq"], issued_at=str(body.get("issued_at", "")),
                                received_at=clock.now_utc(), via=via, receipt=data.decode("utf-8")))
            nxt = _keys(s, "next")
            if nxt is not None and nxt.announced_seq is not None and nxt.announced_seq <= sent.seq:
                cur = _keys(s, "active")
                cur.state = "retired"
                uow.save(cur)
                nxt.state = "active"
                uow.save(nxt)
        uow.detail = {"seq": sent.seq, "last_log_seq": body["last_log_seq"], "via": via,
                      "new": seen is None}
    return {"seq": sent.seq, "last_log_seq": body["last_log_seq"], "already": seen is not None}


# -- status --------------------------------------------------------------------------------
def status(store) -> dict:
    with store.read() as s:
        last = s.exec(select(SyncBundle).order_by(SyncBundle.seq.desc())).first()
        receipt = s.exec(select(SyncReceipt).order_by(SyncReceipt.last_log_seq.desc(),
                                                      SyncReceipt.received_at.desc())).first()
        newest_rx = s.exec(select(SyncReceipt).order_by(SyncReceipt.received_at.desc())).first()
        confirmed = last_confirmed(s)
        log_to = s.execute(text("SELECT max(log_seq) FROM change_log")).scalar() or 0
        dist = s.exec(select(SyncDistrict)).first()
        key = _keys(s, "active")
        nxt = _keys(s, "next")

    def when(x: dt.datetime | None):
        return x.isoformat(timespec="seconds") if x else None

    return {
        "enrolled": dist is not None,
        "district": dist.district_code if dist else None,
        "district_fingerprint": dist.fingerprint if dist else None,
        "key_id": key.key_id if key else None,
        "key_fingerprint": key.fingerprint if key else None,
        "key_pending": nxt.key_id if nxt else None,
        "last_bundle": {"seq": last.seq, "file": last.file_name, "created_at": when(last.created_at),
                        "log_to": last.log_to, "transport": last.transport} if last else None,
        "last_receipt": {"seq": receipt.seq, "last_log_seq": receipt.last_log_seq,
                         "received_at": when(receipt.received_at), "via": receipt.via} if receipt else None,
        "unconfirmed_changes": log_to - confirmed,
        "last_successful_sync": when(newest_rx.received_at) if newest_rx else None,
        "url": dist.url if dist else None,
    }
