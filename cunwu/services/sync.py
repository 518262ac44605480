"""The village's sync use cases: its signing key (create, rotate, replace), enrolment at the
district, writing bundles to a stick or sending them over HTTP, importing receipts, status.

A bundle is cumulative: every change after the last change a receipt confirmed. Writing
one records it in the same transaction that writes the file, so nothing is marked exported
unless the file is on the stick, read back and verified.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock, faults
from cunwu.errors import CunwuError
from cunwu.files import read_capped, write_atomic
from cunwu.sync import bundle, crypto, documents, push
from cunwu.sync.tables import SyncBundle, SyncDistrict, SyncKey, SyncReceipt
from cunwu.sync.village import (Built, active_key, build, district, key_in, last_confirmed,
                                live_summary, new_key, private_key, read_certificate,
                                reconciled_receipt, verify_own)



# -- keys ----------------------------------------------------------------------------------
def ensure_key(store, actor, passphrase=None) -> SyncKey:
    """The active signing key, made on first use (so `cunwu init` needs no passphrase)."""
    actor.require("write", "sync.key.create")
    key = active_key(store)
    if key is not None:
        return key
    key = new_key(store, "active", passphrase)
    with store.write(actor, "sync.key.create") as uow:
        uow.add(key)
        uow.detail = {"key_id": key.key_id, "storage": key.storage}
    return key


def rotate_key(store, actor, passphrase=None) -> SyncKey:
    """A new key, announced in the next bundles (signed by the current key) until a receipt
    confirms the announcement; then it signs."""
    actor.require("write", "sync.key.rotate")
    if active_key(store) is None:
        raise CunwuError("E_SYNC_NO_KEY")
    with store.read() as s:
        if key_in(s, "next") is not None:
            return key_in(s, "next")
    key = new_key(store, "next", passphrase)
    with store.write(actor, "sync.key.rotate") as uow:
        uow.add(key)
        uow.detail = {"key_id": key.key_id}
    return key


def replace_lost_key(store, actor, passphrase=None) -> SyncKey:
    """After losing the private key: a new active key, to enrol again at the district."""
    actor.require("write", "sync.key.replace")
    key = new_key(store, "active", passphrase)
    with store.write(actor, "sync.key.replace") as uow:
        for old in uow.session.exec(select(SyncKey).where(SyncKey.state.in_(("active", "next")))):
            old.state = "lost"
            uow.save(old)
        uow.add(key)
        uow.detail = {"key_id": key.key_id}
    return key


# -- enrolment -----------------------------------------------------------------------------
def enrol_request(store, actor, out: Path, passphrase=None) -> dict:
    """The request the district enrols from, signed with the village key; an audit entry says
    who wrote it and where."""
    actor.require("write", "sync.enrol.request")
    key = ensure_key(store, actor, passphrase)
    v = store.village()
    public = bytes.fromhex(key.public_key)
    body = {"format": documents.REQUEST_FORMAT, "village": v.code, "village_name": v.name,
            "district": v.district_code, "public_key_pem": crypto.public_pem(public),
            "key_id": key.key_id, "fingerprint": key.fingerprint,
            "created_at": clock.now_utc().isoformat(timespec="seconds")}
    signed = documents.dump(body, private_key(store, key, passphrase))
    out, written = Path(out), False
    try:
        with store.write(actor, "sync.enrol.request") as uow:
            write_atomic(out, signed)
            written = True
            uow.detail = {"file": out.name, "key_id": key.key_id}
    except BaseException:
        if written:  # not audited, so not left behind either
            out.unlink(missing_ok=True)
        raise
    return {"file": str(out), "village": v.code, "key_id": key.key_id, "fingerprint": key.fingerprint}


def read_certificate_file(store, path: Path) -> tuple[dict, bytes]:
    """The district certificate in path, checked against this village (nothing written)."""
    data = read_capped(Path(path), documents.MAX_DOCUMENT_BYTES)
    v = store.village()
    return read_certificate(data, v.code, v.district_code), data


def accept_district(store, actor, path: Path, expect_fingerprint: str | None = None) -> dict:
    actor.require("write", "sync.district.accept")
    cert, data = read_certificate_file(store, path)
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
        uow.detail = {"district": cert["district"], "fingerprint": cert["fingerprint"],
                      "tls_fingerprint": cert.get("tls_sha256")}
    return {"district": cert["district"], "name": cert.get("name", ""), "fingerprint": cert["fingerprint"],
            "tls_fingerprint": cert.get("tls_sha256")}


def tls_pin(dist: SyncDistrict | None) -> str | None:
    """The district receiver's TLS certificate fingerprint, from the certificate installed."""
    if dist is None:
        return None
    body, _sig = documents.load(dist.certificate.encode("utf-8"), documents.CERT_FORMAT, "E_CERT_FORMAT")
    return body.get("tls_sha256") or None


def _norm(fp: str) -> str:
    return "".join(fp.split()).upper()


# -- sending bundles -----------------------------------------------------------------------
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
    actor.require("write", "sync.export")
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


def push_bundle(store, actor, url: str | None = None, *, attempts: int = 4,
                timeout: float = 15.0, backoff: float = 1.0, sleep=None, passphrase=None,
                ca_file: Path | None = None) -> dict:
    """Send the next bundle to the district over HTTP and import the receipt it answers with.
    The bundle is recorded before it is sent, so a reply lost on the way can never make the
    village reuse its number; resending the same bytes is harmless. Over https the server must
    show the TLS certificate the district certificate pins, or one `ca_file` vouches for."""
    actor.require("write", "sync.push")
    dist = district(store)
    url = (url or (dist.url if dist else "") or "").rstrip("/")
    if not url:
        raise CunwuError("E_SYNC_NO_URL")
    built = build(store, passphrase)
    with store.write(actor, "sync.push") as uow:
        _record(uow, built, "http")
    receipt, how = push.send(url, built.data, attempts=attempts, timeout=timeout,
                             backoff=backoff, sleep=sleep, tls_pin=tls_pin(dist), ca_file=ca_file)
    got = import_receipt(store, actor, receipt, via="http")
    return got | {"url": url, "status": how, "changes": built.ops_count}


# -- receipts ------------------------------------------------------------------------------
def import_receipt_file(store, actor, path: Path) -> dict:
    """A receipt brought back on a stick (read capped, so a huge file is refused unread)."""
    actor.require("write", "sync.receipt")
    return import_receipt(store, actor, read_capped(Path(path), documents.MAX_DOCUMENT_BYTES))


def import_receipt(store, actor, data: bytes, via: str = "file") -> dict:
    actor.require("write", "sync.receipt")
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
            verdict = _reconcile(s, body, sent)
            uow.add(SyncReceipt(seq=sent.seq, envelope_sha256=sent.envelope_sha256,
                                last_log_seq=body["last_log_seq"], issued_at=str(body.get("issued_at", "")),
                                received_at=clock.now_utc(), via=via, receipt=data.decode("utf-8"),
                                reconciliation=json.dumps(verdict) if verdict is not None else None))
            nxt = key_in(s, "next")
            if nxt is not None and nxt.announced_seq is not None and nxt.announced_seq <= sent.seq:
                cur = key_in(s, "active")
                cur.state = "retired"
                uow.save(cur)
                nxt.state = "active"
                uow.save(nxt)
        else:
            verdict = json.loads(seen.reconciliation) if seen.reconciliation else None
        uow.detail = {"seq": sent.seq, "last_log_seq": body["last_log_seq"], "via": via,
                      "new": seen is None, "matches": _matches(verdict),
                      "resend": _differing(verdict)}
    return {"seq": sent.seq, "last_log_seq": body["last_log_seq"], "already": seen is not None,
            "reconciliation": verdict, "matches": _matches(verdict), "resend": _differing(verdict)}


def _reconcile(session, body: dict, sent: SyncBundle) -> dict | None:
    """The district's counts in the receipt against the village's change log as of the same
    change: {entity: {"village", "district", "matches"}}; None when the receipt has none."""
    counted = documents.reconciliation_of(body, "E_RECEIPT_FORMAT")
    if counted is None:
        return None
    if counted["log_seq"] > sent.log_to:
        raise CunwuError("E_RECEIPT_FORMAT", detail="reconciliation")
    return documents.compare(live_summary(session, counted["log_seq"]), counted["entities"])


def _matches(verdict: dict | None) -> bool | None:
    return None if verdict is None else all(v["matches"] for v in verdict.values())


def _differing(verdict: dict | None) -> list[str]:
    """Entities to send again in full with the next bundle (sync/village.resend_after)."""
    return [e for e, v in (verdict or {}).items() if not v["matches"]]


# -- status --------------------------------------------------------------------------------
def next_step(enrolled: bool, newest: int, confirmed: int, bundled: int, resend: bool = False) -> str:
    """What the clerk should do next, from the newest change, the newest one the district
    confirmed and the newest one in a bundle: "enrol", "export" (changes in no bundle yet, or
    the district's copy differs and rows go again), "await_receipt" (all bundled, the receipt
    not back) or "nothing" (all confirmed)."""
    if not enrolled:
        return "enrol"
    if resend:
        return "export"
    if newest <= confirmed:
        return "nothing"
    return "await_receipt" if bundled >= newest else "export"


def status(store) -> dict:
    with store.read() as s:
        last = s.exec(select(SyncBundle).order_by(SyncBundle.seq.desc())).first()
        receipt = s.exec(select(SyncReceipt).order_by(SyncReceipt.last_log_seq.desc(),
                                                      SyncReceipt.received_at.desc())).first()
        newest_rx = s.exec(select(SyncReceipt).order_by(SyncReceipt.received_at.desc())).first()
        confirmed = last_confirmed(s)
        log_to = s.execute(text("SELECT max(log_seq) FROM change_log")).scalar() or 0
        dist = s.exec(select(SyncDistrict)).first()
        key = key_in(s, "active")
        nxt = key_in(s, "next")
        reconciled = reconciled_receipt(s)

    def when(x: dt.datetime | None):
        return x.isoformat(timespec="seconds") if x else None

    unconfirmed = log_to - confirmed
    verdict = json.loads(reconciled.reconciliation) if reconciled else None
    return {
        "enrolled": dist is not None,
        "next_step": next_step(dist is not None, log_to, confirmed, last.log_to if last else 0,
                               bool(_differing(verdict))),
        "district": dist.district_code if dist else None,
        "district_name": dist.name if dist else None,
        "district_fingerprint": dist.fingerprint if dist else None,
        "district_tls_fingerprint": tls_pin(dist),
        "key_id": key.key_id if key else None,
        "key_fingerprint": key.fingerprint if key else None,
        "key_pending": nxt.key_id if nxt else None,
        "last_bundle": {"seq": last.seq, "file": last.file_name, "created_at": when(last.created_at),
                        "log_to": last.log_to, "transport": last.transport} if last else None,
        "last_receipt": {"seq": receipt.seq, "last_log_seq": receipt.last_log_seq,
                         "received_at": when(receipt.received_at), "via": receipt.via} if receipt else None,
        "unconfirmed_changes": unconfirmed,
        "last_successful_sync": when(newest_rx.received_at) if newest_rx else None,
        "url": dist.url if dist else None,
        # the district's copy against the village's own, from the newest receipt with counts
        "reconciliation": verdict,
        "matches": _matches(verdict),
        "reconciled_log_seq": reconciled.last_log_seq if reconciled else None,
        "resend": _differing(verdict),
    }
