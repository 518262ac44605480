"""The village's side of the sync format: its signing keys in the vault, the district
certificate's checks, and building the next bundle from the change log (reads only; the use
cases that record keys, certificates, bundles and receipts are in services/sync.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import bindparam, func, text
from sqlmodel import select

from cunwu import __version__, clock
from cunwu.errors import CunwuError
from cunwu.store import schema
from cunwu.store.canonical import GENESIS
from cunwu.sync import bundle, crypto, documents
from cunwu.sync.keystore import KeyVault
from cunwu.sync.tables import SyncBundle, SyncDistrict, SyncKey, SyncReceipt


def vault(store, passphrase=None) -> KeyVault:
    kw = {"passphrase": passphrase} if passphrase else {}
    return KeyVault(store.paths.data_dir / "keys", namespace="village-", **kw)


def schema_version() -> str:
    return "+".join(sorted(schema.heads()))


# -- keys ----------------------------------------------------------------------------------
def key_in(session, state: str) -> SyncKey | None:
    return session.exec(select(SyncKey).where(SyncKey.state == state)).first()


def active_key(store) -> SyncKey | None:
    with store.read() as s:
        return key_in(s, "active")


def new_key(store, state: str, passphrase=None) -> SyncKey:
    """A new key pair: the private half in the vault, the public half as a row to add."""
    private, public = crypto.new_signing_key()
    kid = crypto.key_id(public)
    storage = vault(store, passphrase).put(kid, private)
    return SyncKey(key_id=kid, public_key=public.hex(), fingerprint=crypto.fingerprint(public),
                   storage=storage, state=state, created_at=clock.now_utc())


def private_key(store, key: SyncKey, passphrase=None) -> bytes:
    return vault(store, passphrase).get(key.key_id, key.storage)


# -- enrolment -----------------------------------------------------------------------------
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


# -- reconciliation ------------------------------------------------------------------------
def live_summary(session, upto: int) -> dict[str, dict]:
    """The village's side of a receipt's reconciliation: per entity, the rows whose newest change
    up to `upto` is not a delete, as the district counts its records (documents.summarise)."""
    rows = session.execute(text(
        "SELECT entity, uuid, row_version, op, max(log_seq) FROM change_log WHERE log_seq <= :n "
        "GROUP BY entity, uuid"), {"n": upto})  # SQLite: the bare columns come from the max row
    return documents.summarise((e, u, v) for e, u, v, op, _ in rows if op != "delete")


def reconciled_receipt(session) -> SyncReceipt | None:
    """The receipt that speaks for the district's copy now: the newest one with counts."""
    return session.exec(select(SyncReceipt).where(SyncReceipt.reconciliation.is_not(None)).order_by(
        SyncReceipt.last_log_seq.desc(), SyncReceipt.received_at.desc())).first()


def resend_entities(session) -> list[str]:
    """Entities whose copy at the district differed from the village's at the last check."""
    r = reconciled_receipt(session)
    return [e for e, v in json.loads(r.reconciliation).items() if not v["matches"]] if r else []


def resend_after(session, confirmed: int) -> int:
    """Where the next bundle starts: after the last confirmed change, or early enough that every
    row of an entity the district holds differently goes again with its newest change (deleted
    ones too, so a row the district should not have gets its delete). The district applies the
    overlap as it applies any repeated change: a row changes only for a newer row_version."""
    entities = resend_entities(session)
    if not entities:
        return confirmed
    first = session.execute(text(
        "SELECT min(newest) FROM (SELECT max(log_seq) AS newest FROM change_log "
        "WHERE entity IN :entities GROUP BY entity, uuid)").bindparams(
        bindparam("entities", expanding=True)), {"entities": entities}).scalar()
    return min(confirmed, first - 1) if first else confirmed


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
        key, nxt = key_in(s, "active"), key_in(s, "next")
        if key is None:
            raise CunwuError("E_SYNC_NO_KEY")
        # after the last confirmed change, or earlier when the district's copy differed
        after = resend_after(s, last_confirmed(s))
        last = s.exec(select(SyncBundle).order_by(SyncBundle.seq.desc())).first()
        base = s.execute(text("SELECT chain FROM change_log WHERE log_seq = :n"), {"n": after}).scalar()
        tip = s.execute(text("SELECT log_seq, chain FROM change_log ORDER BY log_seq DESC LIMIT 1")).first()
        entities = dict(s.execute(text("SELECT entity, count(*) FROM change_log WHERE log_seq > :n "
                                       "GROUP BY entity"), {"n": after}).all())
        down_applied = s.execute(text("SELECT max(seq) FROM district_bundles_in")).scalar() or 0
        raw = s.connection().connection.driver_connection
        chain_base = base if base else GENESIS.hex()
        log_to, head = (tip[0], tip[1]) if tip and tip[0] > after else (after, chain_base)
        # The lines must hash to the log's own chain, or the district could never link them.
        # For ASCII names SQLite's json_quote escapes exactly as Python's json does (quotes,
        # backslashes, control characters) and NFC changes nothing, so the last line's hash
        # proves the format; any non-ASCII name takes the slow path, checked line by line.
        unusual = s.execute(text(
            "SELECT 1 FROM change_log WHERE log_seq > :n AND (length(CAST(uuid AS BLOB)) != "
            "length(uuid) OR length(CAST(entity AS BLOB)) != length(entity)) LIMIT 1"),
            {"n": after}).first()
        writer = bundle.PayloadWriter()
        writers.append(writer)
        if not unusual:
            _stream_op_lines(raw, after, writer)
            if writer.count:
                before = s.execute(text("SELECT chain FROM change_log WHERE log_seq = :n"),
                                   {"n": log_to - 1}).scalar() or GENESIS.hex()
                if bundle.chain_over(bytes.fromhex(before), [writer.last_line])[-1].hex() != head:
                    writer = bundle.PayloadWriter()
                    writers.append(writer)
        if not writer.count and log_to > after:
            lines = _op_lines_slow(raw, after)
            if bundle.chain_over(bytes.fromhex(chain_base), lines)[-1].hex() != head:
                raise CunwuError("E_CHANGELOG_BROKEN", seq=log_to, detail="content does not match its hash")
            writer.add_lines(lines)
    seq = (last.seq + 1) if last else 1
    env = {"format": bundle.FORMAT, "village": v.code, "district": dist.district_code, "seq": seq,
           "prev_envelope_sha256": last.envelope_sha256 if last else bundle.ZERO_HASH,
           "log_from": after + 1, "log_to": log_to, "chain_head": head,
           "sender_key_id": key.key_id, "recipient_key_id": dist.encryption_key_id,
           "schema_version": schema_version(), "app_version": __version__,
           "created_at": clock.now_utc().isoformat(timespec="seconds")}
    manifest = {"format": bundle.PAYLOAD_FORMAT, "village": v.code, "district": dist.district_code,
                "seq": seq, "log_from": env["log_from"], "log_to": log_to, "chain_base": chain_base,
                "chain_head": head, "entities": entities,
                "down_applied": down_applied}  # confirms district bundles that came by USB
    if nxt is not None:
        manifest["announce_key"] = {"key_id": nxt.key_id, "fingerprint": nxt.fingerprint,
                                    "public_key_pem": crypto.public_pem(bytes.fromhex(nxt.public_key))}
    payload = writer.seal(manifest, env, bytes.fromhex(dist.encryption_key))
    data, env_bytes = bundle.assemble(env, private_key(store, key, passphrase), payload)
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
