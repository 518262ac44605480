"""The district bundle (the down channel): `CD-<district>-<village>-<seq:06d>.cdb`, the village
bundle's three entries, signed by the district's Ed25519 key and sealed to the village's
enrolled key. Building is the district's, the checks the village's; what items mean is the
services' (services/district_bundles.py).
"""

from __future__ import annotations

import json
import re
import zlib

from cunwu import __version__, clock
from cunwu.errors import CunwuError
from cunwu.store.canonical import canonical_json
from cunwu.sync import bundle, crypto

FORMAT = "cunwu.district-bundle/1"
PAYLOAD_FORMAT = "cunwu.district-payload/1"
KINDS = ("policy", "case_dispatch", "case_update")
MAX_ITEMS = 100_000
BOUND_FIELDS = ("format", "district", "village", "seq", "prev_envelope_sha256", "sender_key_id",
                "recipient_key_id", "items_count")
ENVELOPE_FIELDS = {"format": str, "district": str, "village": str, "seq": int,
                   "prev_envelope_sha256": str, "sender_key_id": str, "recipient_key_id": str,
                   "items_count": int, "payload_sha256": str, "payload_len": int,
                   "app_version": str, "created_at": str}
NAME = re.compile(r"^CD-(\d{6})-(\d{12})-(\d{6,})\.cdb$")


def file_name(district: str, village: str, seq: int) -> str:
    return f"CD-{district}-{village}-{seq:06d}.cdb"


def _info(env: dict) -> bytes:
    return canonical_json({k: env[k] for k in BOUND_FIELDS})


# -- building (district) ---------------------------------------------------------------------
def build(*, district: str, village: str, seq: int, prev_envelope_sha256: str, items: list[dict],
          signing_private: bytes, signing_public: bytes, village_public: bytes) -> tuple[bytes, str]:
    """(the file's bytes, its envelope's SHA-256). village_public: the village's enrolled
    Ed25519 key, sealed to as X25519 (crypto.x25519_public_of)."""
    env = {"format": FORMAT, "district": district, "village": village, "seq": seq,
           "prev_envelope_sha256": prev_envelope_sha256 or bundle.ZERO_HASH,
           "sender_key_id": crypto.key_id(signing_public),
           "recipient_key_id": crypto.key_id(village_public), "items_count": len(items),
           "app_version": __version__, "created_at": clock.now_utc().isoformat(timespec="seconds")}
    body = {"format": PAYLOAD_FORMAT, "district": district, "village": village, "seq": seq,
            "items": items}
    payload = crypto.seal(zlib.compress(canonical_json(body), 6),
                          crypto.x25519_public_of(village_public), _info(env))
    data, env_bytes = bundle.assemble(env, signing_private, payload)
    return data, bundle.sha256(env_bytes)


# -- checking (village) ----------------------------------------------------------------------
def check_shape(env) -> None:
    bundle.check_typed(env, FORMAT, ENVELOPE_FIELDS)
    ok = (re.fullmatch(r"\d{6}", env["district"]) and re.fullmatch(r"\d{12}", env["village"])
          and 1 <= env["seq"] <= bundle.MAX_NUMBER and 0 <= env["items_count"] <= MAX_ITEMS
          and crypto.HEX64.match(env["prev_envelope_sha256"]) and crypto.HEX64.match(env["payload_sha256"])
          and crypto.HEX16.match(env["sender_key_id"]) and crypto.HEX16.match(env["recipient_key_id"])
          and env["payload_len"] >= 0)
    if not ok:
        raise CunwuError("E_BUNDLE_FORMAT", detail="fields")


def verify(data: bytes, *, district: str, district_signing_public: bytes, village: str,
           village_key_ids) -> bundle.Parsed:
    """Every check that needs no key of the village's and writes nothing, cheapest first:
    entries, shape, ours (district, village, key), the district's signature, the payload's hash."""
    parsed = bundle.unpack(data, check_shape)
    env = parsed.envelope
    if env["district"] != district or env["sender_key_id"] != crypto.key_id(district_signing_public):
        raise CunwuError("E_DOWN_DISTRICT", district=env["district"], expected=district)
    if env["village"] != village:
        raise CunwuError("E_DOWN_VILLAGE", village=env["village"], expected=village)
    if env["recipient_key_id"] not in set(village_key_ids):
        raise CunwuError("E_DOWN_KEY", key_id=env["recipient_key_id"])
    bundle.check_signature(parsed, district_signing_public)
    bundle.check_payload_hash(parsed)
    return parsed


def order(env: dict, envelope_sha256: str, last_seq: int, last_sha256: str,
          held_sha256: str | None) -> str:
    """"already" for a bundle applied before (same number, same envelope), "apply" for the
    next one in line; a replay (an older number, other content) or one out of order (a gap, or
    not following the bundle applied last) is refused."""
    if held_sha256 == envelope_sha256:
        return "already"
    if env["seq"] <= last_seq:
        raise CunwuError("E_DOWN_REPLAY", seq=env["seq"], last=last_seq)
    if env["seq"] != last_seq + 1 or env["prev_envelope_sha256"] != (last_sha256 or bundle.ZERO_HASH):
        raise CunwuError("E_DOWN_ORDER", seq=env["seq"], expected=last_seq + 1)
    return "apply"


def open_items(parsed: bundle.Parsed, village_private: bytes) -> list[dict]:
    """Decrypt with the village's Ed25519 key (as X25519), unpack, and check the payload
    against the envelope: each item a JSON object with an `id` and a known `kind`."""
    env = parsed.envelope
    try:
        compressed = crypto.open_sealed(parsed.payload, crypto.x25519_private_of(village_private),
                                        _info(env))
    except Exception as e:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="decrypt") from e
    try:
        body = json.loads(bundle.inflate(compressed))
    except (ValueError, RecursionError) as e:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="payload") from e
    if not isinstance(body, dict) or body.get("format") != PAYLOAD_FORMAT or any(
            body.get(k) != env[k] for k in ("district", "village", "seq")):
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="manifest")
    items = body.get("items")
    if not isinstance(items, list) or len(items) != env["items_count"]:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="items")
    for n, item in enumerate(items):
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and 0 < len(item["id"]) <= 64
                and item.get("kind") in KINDS):
            raise CunwuError("E_DOWN_ITEM", n=n + 1, detail="kind")
    return items
