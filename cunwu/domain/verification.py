"""Verification codes printed on a notice: a QR payload with the disclosure's UUID and the
SHA-256 of its canonical content, and a short code a person can type (XXXX-XXXX-XXXX).

The short code's first four characters come from the UUID alone, so a sheet whose text no
longer matches its record is still recognised as that notice, and reported as changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cunwu.errors import CunwuError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
QR_PREFIX = "CW1"
_QR = re.compile(r"^CW1:([0-9A-F-]{36}):([0-9A-F]{64})$")
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _b32(data: bytes, chars: int) -> str:
    n = int.from_bytes(data, "big")
    bits = len(data) * 8
    out = []
    for i in range(chars):
        shift = bits - 5 * (i + 1)
        out.append(ALPHABET[(n >> shift) & 31])
    return "".join(out)


def uuid_part(uuid: str) -> str:
    return _b32(hashlib.sha256(uuid.lower().encode()).digest()[:4], 4)


def content_part(uuid: str, sha256_hex: str) -> str:
    return _b32(hashlib.sha256(f"{uuid.lower()}:{sha256_hex.lower()}".encode()).digest()[:5], 8)


def short_code(uuid: str, sha256_hex: str) -> str:
    """12 characters in three groups: 4 name the notice, 8 vouch for its content."""
    tail = content_part(uuid, sha256_hex)
    return f"{uuid_part(uuid)}-{tail[:4]}-{tail[4:]}"


def qr_payload(uuid: str, sha256_hex: str) -> str:
    # Upper case keeps the QR code in its compact alphanumeric mode.
    return f"{QR_PREFIX}:{uuid.upper()}:{sha256_hex.upper()}"


def parse(code: str) -> tuple[str, str, str]:
    """("qr", uuid, sha256) for a scanned payload, ("short", head, tail) for a typed code."""
    s = (code or "").strip().upper()
    if m := _QR.match(s):
        return "qr", m.group(1).lower(), m.group(2).lower()
    typed = re.sub(r"[\s\-_.]", "", s).translate(_TYPO)
    if len(typed) == 12 and all(c in ALPHABET for c in typed):
        return "short", typed[:4], typed[4:]
    raise CunwuError("E_DISCLOSURE_CODE", value=(code or "")[:40])


@dataclass
class Codes:
    """A notice's content hash and the two codes printed from it."""

    sha256: str
    short: str
    qr: str


def codes(d, village_code: str) -> Codes:
    """The codes of a disclosure (a Disclosure row, or one rebuilt from synced data)."""
    from cunwu.domain.disclosures import content, content_sha256

    sha = content_sha256(content(d, village_code))
    return Codes(sha, short_code(d.uuid, sha), qr_payload(d.uuid, sha))
