"""Bundles made by hand for the district's tests and benchmarks: a village key enrolled at a
district, and correctly signed and sealed bundles carrying whatever ops a test wants (a hostile
village holds a real enrolled key)."""

from __future__ import annotations

import datetime as dt
import uuid as _uuid
import zlib


def enrol_key(d, village: str, name: str = "测试村") -> tuple[bytes, str]:
    """A new key enrolled at `d` for `village`: (private key, key id)."""
    from cunwu.district.enrol import enrol
    from cunwu.sync import crypto, documents

    private, public = crypto.new_signing_key()
    req = {"format": documents.REQUEST_FORMAT, "village": village, "village_name": name,
           "district": d.code, "public_key_pem": crypto.public_pem(public),
           "key_id": crypto.key_id(public), "fingerprint": crypto.fingerprint(public),
           "created_at": "2026-11-22T00:00:00"}
    enrol(d, documents.dump(req, private))
    return private, crypto.key_id(public)


def household(i: int, uuid: str | None = None) -> dict:
    return {"uuid": uuid or str(_uuid.uuid4()), "row_version": 1, "number": f"H{i:06d}",
            "address": f"第{i % 12 + 1}组{i}号", "group_name": f"第{i % 12 + 1}村民小组",
            "head_uuid": None, "notes": "", "created_at": "2026-11-22T08:00:00+00:00"}


def op_lines(ops: list[tuple], first: int = 1) -> list[bytes]:
    """ops: (entity, uuid, op, row_version, row as a dict, None or raw JSON text)."""
    from cunwu.store.canonical import canonical_json
    from cunwu.sync import bundle

    lines = []
    for n, (entity, uuid, op, version, row) in enumerate(ops):
        text = row if isinstance(row, str) else "null" if row is None else canonical_json(row).decode()
        lines.append(bundle.op_line(first + n, entity, uuid, op, version, text))
    return lines


def forge(d, private: bytes, key_id: str, village: str, lines: list[bytes], seq: int = 1,
          log_from: int = 1, chain_base: bytes | None = None, compressed: bytes | None = None) -> bytes:
    """A bundle signed by `private` and sealed to `d`, carrying `lines` (or, when given, the
    already compressed payload `compressed`, which may be anything)."""
    from cunwu.store import schema
    from cunwu.store.canonical import GENESIS
    from cunwu.sync import bundle, crypto

    base = GENESIS if chain_base is None else chain_base
    chain = bundle.chain_over(base, lines)
    head = (chain[-1] if chain else base).hex()
    env = {"format": bundle.FORMAT, "village": village, "district": d.code, "seq": seq,
           "prev_envelope_sha256": bundle.ZERO_HASH, "log_from": log_from,
           "log_to": log_from + len(lines) - 1, "chain_head": head, "sender_key_id": key_id,
           "recipient_key_id": crypto.key_id(d.encryption_public),
           "schema_version": "+".join(sorted(schema.heads())), "app_version": "test",
           "created_at": dt.datetime.now(dt.timezone.utc).isoformat()}
    ops = b"\n".join(lines)
    manifest = {"format": bundle.PAYLOAD_FORMAT, "village": village, "district": d.code, "seq": seq,
                "log_from": log_from, "log_to": env["log_to"], "chain_base": base.hex(),
                "chain_head": head, "ops_count": len(lines), "ops_sha256": bundle.sha256(ops)}
    if compressed is None:
        payload = bundle.seal_payload(manifest, ops, env, d.encryption_public)
    else:
        payload = crypto.seal(compressed, d.encryption_public, bundle.bound_info(env))
    data, _ = bundle.assemble(env, private, payload)
    return data


def zeros_compressed(plain_bytes: int) -> bytes:
    """zlib of that many zero bytes: about a thousandth of the size, the classic bomb."""
    z = zlib.compressobj(9)
    step = bytes(1024 * 1024)
    parts = [z.compress(step) for _ in range(plain_bytes // len(step))]
    parts.append(z.flush())
    return b"".join(parts)


def chain_after(lines: list[bytes]) -> bytes:
    from cunwu.store.canonical import GENESIS
    from cunwu.sync import bundle

    return bundle.chain_over(GENESIS, lines)[-1]
