"""The small signed documents that travel beside bundles: the village's enrolment request,
the district certificate and the receipt. Each is JSON `{"body": {...}, "signature": b64}`
with an Ed25519 signature over the canonical JSON of the body.
"""

from __future__ import annotations

import json

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
