"""Enrolling a village at the district: check its request, record its key, sign the
district certificate it installs. Enrolling a village again (its key was lost) revokes its
earlier keys from a bundle number on. At import: the key in force for a bundle's number, and
a key rotation a bundle announces.
"""

from __future__ import annotations

import sqlalchemy as sa

from cunwu import clock
from cunwu.district.schema import village_keys, villages
from cunwu.district.store import GENESIS_HEX, District
from cunwu.errors import CunwuError
from cunwu.sync import crypto, documents, tls


def read_request(data: bytes) -> dict:
    body, sig = documents.load(data, documents.REQUEST_FORMAT, "E_ENROL_FORMAT")
    try:
        public = crypto.raw_from_pem(body["public_key_pem"])
        village, district = str(body["village"]), str(body["district"])
    except (KeyError, CunwuError) as e:
        raise CunwuError("E_ENROL_FORMAT", detail="key") from e
    if (not documents.signed_by(body, sig, public) or body.get("fingerprint") != crypto.fingerprint(public)
            or body.get("key_id") != crypto.key_id(public)):
        raise CunwuError("E_ENROL_SIGNATURE")
    if not (len(village) == 12 and village.isdigit() and village.startswith(district)):
        raise CunwuError("E_VILLAGE_CODE", value=village)
    return body | {"_public": public}


def enrol(d: District, data: bytes, revoke_from: int | None = None, url: str = "",
          tls_sha256: str | None = None) -> tuple[bytes, dict]:
    """tls_sha256: the receiver's TLS certificate fingerprint, which the village then pins."""
    req = read_request(data)
    pin = tls.normalise(tls_sha256) if tls_sha256 else None
    if req["district"] != d.code:
        raise CunwuError("E_ENROL_DISTRICT", district=req["district"])
    code, public, kid = req["village"], req["_public"], req["key_id"]
    now = clock.now_utc().isoformat(timespec="seconds")
    revoked = []
    with d.engine.begin() as conn:
        v = conn.execute(sa.select(villages).where(villages.c.code == code)).mappings().first()
        # the certificate issued now replaces the village's earlier one, pin and all
        issued = {"certificate_issued_at": now, "tls_sha256": pin}
        if v is None:
            conn.execute(villages.insert(), {"code": code, "name": str(req.get("village_name", "")),
                                             "enrolled_at": now, "last_seq": 0, "last_envelope_sha256": "",
                                             "last_log_seq": 0, "last_chain": GENESIS_HEX, **issued})
            start = 1
        else:
            conn.execute(villages.update().where(villages.c.code == code), issued)
            start = revoke_from if revoke_from is not None else v["last_seq"] + 1
        known = conn.execute(sa.select(village_keys).where(
            village_keys.c.village == code)).mappings().all()
        if not any(k["key_id"] == kid for k in known):
            for k in known:
                if k["revoked_from_seq"] is None or k["revoked_from_seq"] > start:
                    conn.execute(village_keys.update().where(
                        (village_keys.c.village == code) & (village_keys.c.key_id == k["key_id"])),
                        {"revoked_from_seq": start})
                    revoked.append(k["key_id"])
            conn.execute(village_keys.insert(), {
                "village": code, "key_id": kid, "public_key": public.hex(),
                "fingerprint": req["fingerprint"], "valid_from_seq": start if known else 1,
                "revoked_from_seq": None, "source": "enrol", "added_at": now})
    body = {"format": documents.CERT_FORMAT, "district": d.code, "name": d.name, "village": code,
            "village_key_id": kid, "signing_key_pem": crypto.public_pem(d.signing_public),
            "encryption_key": crypto.b64(d.encryption_public),
            "encryption_key_id": crypto.key_id(d.encryption_public),
            "fingerprint": d.fingerprint(), "url": url, "issued_at": now}
    if pin:
        body["tls_sha256"] = pin
    cert = documents.dump(body, d.signing_private())
    return cert, {"village": code, "village_name": req.get("village_name", ""), "key_id": kid,
                  "village_fingerprint": req["fingerprint"], "district_fingerprint": d.fingerprint(),
                  "revoked": revoked, "revoked_from": start if revoked else None,
                  "tls_sha256": body.get("tls_sha256")}


# -- at import: the key a bundle is signed with -------------------------------------------------
def key_in_force(conn, env: dict):
    """The sender's key, valid for this bundle's number. Asked again inside the import's
    transaction: a bundle applied meanwhile may have revoked it."""
    key = conn.execute(sa.select(village_keys).where(
        (village_keys.c.village == env["village"])
        & (village_keys.c.key_id == env["sender_key_id"]))).mappings().first()
    if key is None:
        raise CunwuError("E_BUNDLE_KEY", key_id=env["sender_key_id"], village=env["village"])
    revoked = key["revoked_from_seq"]
    if env["seq"] < key["valid_from_seq"] or (revoked is not None and env["seq"] >= revoked):
        raise CunwuError("E_BUNDLE_REVOKED", key_id=key["key_id"], seq=env["seq"],
                         revoked_from=revoked if revoked is not None else key["valid_from_seq"])
    return key


def rotate_keys(conn, village: str, seq: int, sender: str, announce) -> None:
    """A key announced in a bundle is valid from the next one; the first bundle signed by a
    rotated-in key revokes the older keys from its number on."""
    now = clock.now_utc().isoformat(timespec="seconds")
    if isinstance(announce, dict):
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
