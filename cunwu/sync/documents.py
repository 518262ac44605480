"""The small signed documents that travel beside bundles: the village's enrolment request,
the district certificate and the receipt. Each is JSON `{"body": {...}, "signature": b64}`
with an Ed25519 signature over the canonical JSON of the body.

A receipt may carry `reconciliation`: as of change `log_seq`, per entity, the district's count
of the village's live rows and a digest of their (uuid, row_version) pairs. The village works
out the same from its change log and compares (services/sync.py). Receipts from before it
have none and stay valid.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from cunwu.errors import CunwuError
from cunwu.store.canonical import canonical_json
from cunwu.sync import crypto

REQUEST_FORMAT = "cunwu.enrol-request/1"
CERT_FORMAT = "cunwu.district-cert/1"
RECEIPT_FORMAT = "cunwu.receipt/1"
MAX_DOCUMENT_BYTES = 64 * 1024


def dump(body: dict, signing_private: bytes) -> bytes:
    sig = crypto.sign(signing_private, canonical_json(body))
    doc = {"body": body, "signature": crypto.b64(sig)}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def load(data: bytes, fmt: str, code: str) -> tuple[dict, bytes]:
    """(body, signature) of a document of the given format; `code` names the failure."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CunwuError(code, detail="size")
    try:
        doc = json.loads(data.decode("utf-8"))
        body, sig = doc["body"], crypto.unb64(doc["signature"])
    except Exception as e:  # any malformed file is the same failure for the person holding it
        raise CunwuError(code, detail="format") from e
    if not isinstance(body, dict) or body.get("format") != fmt or len(sig) != 64:
        raise CunwuError(code, detail="format")
    return body, sig


def signed_by(body: dict, sig: bytes, public: bytes) -> bool:
    return crypto.verifies(public, sig, canonical_json(body))


# -- the receipt's reconciliation ------------------------------------------------------------


def live_digest(pairs) -> str:
    """SHA-256 over the sorted lines "uuid:row_version\n" of an entity's live rows (those whose
    newest change is not a delete)."""
    return _digest([f"{uuid}:{version}\n" for uuid, version in pairs])


def _digest(lines: list[str]) -> str:
    lines.sort()
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def summarise(rows) -> dict[str, dict]:
    """{entity: {"count", "digest"}} from (entity, uuid, row_version) of live rows."""
    by_entity: dict[str, list] = defaultdict(list)
    for entity, uuid, version in rows:
        by_entity[entity].append(f"{uuid}:{version}\n")
    return {e: {"count": len(lines), "digest": _digest(lines)} for e, lines in sorted(by_entity.items())}


def summarise_joined(groups) -> dict[str, dict]:
    """The same from (entity, count, "uuid:row_version" lines joined by newlines), as the
    district's database gives them; the count is checked against the lines."""
    out = {}
    for entity, count, joined in sorted(groups):
        lines = [f"{line}\n" for line in joined.split("\n")]
        if len(lines) != count:
            raise ValueError(f"{entity}: {len(lines)} lines for {count} rows")
        out[entity] = {"count": count, "digest": _digest(lines)}
    return out


def reconciliation_of(body: dict, code: str) -> dict | None:
    """A receipt's reconciliation block, checked for shape; None in a receipt without one."""
    r = body.get("reconciliation")
    if r is None:
        return None
    ok = (isinstance(r, dict) and type(r.get("log_seq")) is int and isinstance(r.get("entities"), dict)
          and all(isinstance(e, str) and isinstance(v, dict) and type(v.get("count")) is int
                  and isinstance(v.get("digest"), str) and crypto.HEX64.match(v["digest"])
                  for e, v in r["entities"].items()))
    if not ok:
        raise CunwuError(code, detail="reconciliation")
    return r


def compare(village: dict[str, dict], district: dict[str, dict]) -> dict[str, dict]:
    """{entity: {"village": count, "district": count, "matches"}} over both sides' entities."""
    empty = {"count": 0, "digest": live_digest(())}
    out = {}
    for e in sorted(set(village) | set(district)):
        v, d = village.get(e, empty), district.get(e, empty)
        out[e] = {"village": v["count"], "district": d["count"],
                  "matches": v["count"] == d["count"] and v["digest"] == d["digest"]}
    return out
