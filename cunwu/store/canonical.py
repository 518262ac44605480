"""Canonical JSON and the hash chains over the change log and the audit trail (SYNC.md).

canonical_json: UTF-8, NFC-normalised strings, sorted keys, no insignificant whitespace.
Chain: h_k = SHA-256(h_{k-1} ‖ canonical_json(entry_k)), h_0 = 32 zero bytes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import unicodedata

GENESIS = bytes(32)


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def jsonable(value):
    """A column value as it travels: dates ISO 8601, decimals as strings."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def canonical_json(value) -> bytes:
    return json.dumps(_nfc(value), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False).encode("utf-8")


def chain_next(prev: bytes, entry: dict) -> bytes:
    return hashlib.sha256(prev + canonical_json(entry)).digest()
