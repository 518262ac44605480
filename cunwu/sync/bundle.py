"""The bundle file (SYNC.md): `CW-<village>-<seq:06d>.cwb`, a zip of exactly three entries.

Building is for the village; the checks are shared by the district's importer and by the
village's read-back after export. Every check raises a CunwuError with its own code and
never lets a parser error escape as anything else.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from operator import attrgetter

import msgspec

from cunwu.errors import CunwuError
from cunwu.store.canonical import canonical_json, log_entry_text
from cunwu.sync import crypto

FORMAT = "cunwu.bundle/1"
PAYLOAD_FORMAT = "cunwu.payload/1"
ENVELOPE, SIGNATURE, PAYLOAD = "envelope.json", "envelope.sig", "payload.bin"
ENTRIES = (ENVELOPE, SIGNATURE, PAYLOAD)
ZERO_HASH = "0" * 64

# Limits; module-level so tests can shrink them.
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_ENVELOPE_BYTES = 16 * 1024
MAX_PLAINTEXT_BYTES = 512 * 1024 * 1024
# Decompression stops as soon as the output outgrows the input read so far by this ratio (plus
# a slack for one long repetitive row): real ops compress 4 to 8 times, a bomb a thousand.
MAX_RATIO = 50
RATIO_SLACK = 32 * 1024 * 1024
INFLATE_STEP = 1024 * 1024
MAX_NUMBER = 2**31 - 1  # seq and log positions: SQL INTEGER on PostgreSQL
COMPRESS_LEVEL = 1

# Fields the payload's encryption binds, so a payload cannot be moved under another envelope.
BOUND_FIELDS = ("format", "village", "district", "seq", "prev_envelope_sha256", "log_from",
                "log_to", "chain_head", "sender_key_id", "recipient_key_id", "schema_version")
ENVELOPE_FIELDS = {"format": str, "village": str, "district": str, "seq": int,
                   "prev_envelope_sha256": str, "log_from": int, "log_to": int,
                   "chain_head": str, "sender_key_id": str, "recipient_key_id": str,
                   "payload_sha256": str, "payload_len": int, "schema_version": str,
                   "app_version": str, "created_at": str}
_VILLAGE = re.compile(r"^\d{12}$")
_DISTRICT = re.compile(r"^\d{6}$")


def file_name(village: str, seq: int) -> str:
    return f"CW-{village}-{seq:06d}.cwb"


def bound_info(envelope: dict) -> bytes:
    return canonical_json({k: envelope[k] for k in BOUND_FIELDS})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- building (village) --------------------------------------------------------------------
def op_line(log_seq: int, entity: str, uuid: str, op: str, row_version: int, row_json: str) -> bytes:
    """canonical_json of a change-log entry, built from the row's stored canonical JSON, so
    the line's SHA-256 chain equals the change log's own."""
    return log_entry_text(log_seq, entity, uuid, op, row_version, row_json).encode("utf-8")


def seal_payload(manifest: dict, ops: bytes, envelope_fields: dict, recipient_public: bytes) -> bytes:
    """The payload in one go: ops.jsonl, a newline, the manifest; compressed, then sealed."""
    writer = PayloadWriter()
    writer.add_bytes(ops, ops.count(b"\n") + 1 if ops else 0)
    return writer.seal(manifest, envelope_fields, recipient_public)


class PayloadWriter:
    """Compresses the ops as they are read, on a worker thread while the next batch is fetched
    (zlib and SHA-256 release the GIL); the manifest goes last, once the count and hash of the
    ops are known."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._zip = zlib.compressobj(COMPRESS_LEVEL)
        self._hash = hashlib.sha256()
        self._parts: list[bytes] = []
        self._pool = ThreadPoolExecutor(1)
        self._pending = None
        self.count = 0
        self.last_line: bytes | None = None

    def _feed(self, data: bytes) -> bytes:
        self._hash.update(data)
        return self._zip.compress(data)

    def _collect(self) -> None:
        if self._pending is not None:
            self._parts.append(self._pending.result())
            self._pending = None

    def add_lines(self, lines: list[bytes]) -> None:
        if lines:
            self.last_line = lines[-1]
            self.add_bytes(b"\n".join(lines), len(lines))

    def add_bytes(self, data: bytes, count: int) -> None:
        if not count:
            return
        self._collect()
        self._pending = self._pool.submit(self._feed, (b"\n" if self.count else b"") + data)
        self.count += count

    def close(self) -> None:
        self._pool.shutdown()

    def seal(self, manifest: dict, envelope_fields: dict, recipient_public: bytes) -> bytes:
        self._collect()
        self.close()
        manifest = dict(manifest, ops_count=self.count, ops_sha256=self._hash.hexdigest())
        self._parts.append(self._zip.compress(b"\n" + canonical_json(manifest)))
        self._parts.append(self._zip.flush())
        return crypto.seal(b"".join(self._parts), recipient_public, bound_info(envelope_fields))


def assemble(envelope: dict, signing_private: bytes, payload: bytes) -> tuple[bytes, bytes]:
    """The zip bytes and the exact envelope bytes that were signed."""
    envelope = dict(envelope, payload_sha256=sha256(payload), payload_len=len(payload))
    env_bytes = canonical_json(envelope)
    sig = crypto.sign(signing_private, env_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in ((ENVELOPE, env_bytes), (SIGNATURE, sig), (PAYLOAD, payload)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue(), env_bytes


# -- checking (district, and the village's read-back) --------------------------------------
@dataclass
class Parsed:
    envelope: dict
    envelope_bytes: bytes
    signature: bytes
    payload: bytes

    @property
    def envelope_sha256(self) -> str:
        return sha256(self.envelope_bytes)


def unpack(data: bytes, check_shape=None) -> Parsed:
    """Step 1: size cap; exactly the three entries, no duplicates, paths or directories.
    check_shape: the envelope's own check (the district bundle's, sync/down.py), else ours."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise CunwuError("E_BUNDLE_SIZE", size=len(data), limit=MAX_BUNDLE_BYTES)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as e:  # any parser failure is a malformed file, never a crash
        raise CunwuError("E_BUNDLE_FORMAT", detail=type(e).__name__) from e
    names = [i.filename for i in infos]
    if len(names) != len(set(names)) or sorted(names) != sorted(ENTRIES):
        raise CunwuError("E_BUNDLE_ENTRIES", found=", ".join(names[:10]) or "-")
    limits = {ENVELOPE: MAX_ENVELOPE_BYTES, SIGNATURE: 64, PAYLOAD: MAX_BUNDLE_BYTES}
    for info in infos:  # declared sizes first: a zip bomb is refused before anything unpacks
        if info.file_size > limits[info.filename]:
            raise CunwuError("E_BUNDLE_SIZE", size=info.file_size, limit=limits[info.filename])
    got = {}
    for info in infos:
        if info.is_dir() or info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            raise CunwuError("E_BUNDLE_ENTRIES", found=info.filename)
        try:
            with zf.open(info) as f:
                body = f.read(limits[info.filename] + 1)
        except Exception as e:
            raise CunwuError("E_BUNDLE_FORMAT", detail=type(e).__name__) from e
        if len(body) > limits[info.filename]:
            raise CunwuError("E_BUNDLE_SIZE", size=len(body), limit=limits[info.filename])
        got[info.filename] = body
    if len(got[SIGNATURE]) != 64:
        raise CunwuError("E_BUNDLE_SIGNATURE")
    try:
        envelope = json.loads(got[ENVELOPE].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise CunwuError("E_BUNDLE_FORMAT", detail="envelope.json") from e
    (check_shape or check_envelope_shape)(envelope)
    return Parsed(envelope, got[ENVELOPE], got[SIGNATURE], got[PAYLOAD])


def check_typed(env, fmt: str, fields: dict) -> None:
    """A known format with every field of the right type (a bool is no int); for the
    village's bundles and the district's alike."""
    if not isinstance(env, dict) or env.get("format") != fmt:
        raise CunwuError("E_BUNDLE_FORMAT", detail="format")
    for name, kind in fields.items():
        value = env.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CunwuError("E_BUNDLE_FORMAT", detail=name)


def check_envelope_shape(env) -> None:
    """Step 2 (first half): a known format with every field of the right type."""
    check_typed(env, FORMAT, ENVELOPE_FIELDS)
    ok = (_VILLAGE.match(env["village"]) and _DISTRICT.match(env["district"])
          and env["seq"] >= 1 and 1 <= env["log_from"] <= env["log_to"] + 1
          and all(crypto.HEX64.match(env[k]) for k in ("prev_envelope_sha256", "chain_head", "payload_sha256"))
          and crypto.HEX16.match(env["sender_key_id"]) and crypto.HEX16.match(env["recipient_key_id"])
          and env["payload_len"] >= 0
          and max(env["seq"], env["log_from"], env["log_to"]) <= MAX_NUMBER)
    if not ok:
        raise CunwuError("E_BUNDLE_FORMAT", detail="fields")


def check_signature(parsed: Parsed, sender_public: bytes) -> None:
    """Step 5."""
    if not crypto.verifies(sender_public, parsed.signature, parsed.envelope_bytes):
        raise CunwuError("E_BUNDLE_SIGNATURE")


def check_payload_hash(parsed: Parsed) -> None:
    """Step 6."""
    env = parsed.envelope
    if len(parsed.payload) != env["payload_len"] or sha256(parsed.payload) != env["payload_sha256"]:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="hash")


@dataclass
class Contents:
    manifest: dict
    ops: bytes  # ops.jsonl

    def lines(self) -> list[bytes]:
        return self.ops.split(b"\n") if self.ops else []


def open_payload(parsed: Parsed, recipient_private: bytes) -> Contents:
    """Step 8 (first half): decrypt, decompress within a limit, the manifest matches."""
    try:
        compressed = crypto.open_sealed(parsed.payload, recipient_private, bound_info(parsed.envelope))
    except Exception as e:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="decrypt") from e
    plain = inflate(compressed)
    ops, _, tail = plain.rpartition(b"\n")  # ops.jsonl, then the manifest as the last line
    try:
        manifest = json.loads(tail)
    except (ValueError, RecursionError) as e:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="manifest") from e
    check_manifest(manifest, parsed.envelope, ops)
    return Contents(manifest, ops)


def inflate(compressed: bytes) -> bytes:
    """zlib, streamed: refused once the output passes MAX_PLAINTEXT_BYTES or outgrows the input
    read so far by MAX_RATIO, so a small bomb costs a bounded amount of memory."""
    d = zlib.decompressobj()
    out, total, pos, view = [], 0, 0, memoryview(compressed)
    try:
        while not d.eof:
            if d.unconsumed_tail:
                chunk = d.decompress(d.unconsumed_tail, INFLATE_STEP)
            elif pos < len(view):
                chunk = d.decompress(view[pos:pos + INFLATE_STEP], INFLATE_STEP)
                pos += INFLATE_STEP
            else:
                break
            total += len(chunk)
            read = min(pos, len(view)) - len(d.unconsumed_tail)
            if total > MAX_PLAINTEXT_BYTES or total > MAX_RATIO * read + RATIO_SLACK:
                raise CunwuError("E_BUNDLE_PAYLOAD", detail="too large when unpacked")
            out.append(chunk)
    except zlib.error as e:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="compression") from e
    if not d.eof or d.unused_data or pos < len(view):
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="truncated or trailing data")
    plain = b"".join(out)
    out.clear()
    return plain


def check_manifest(m, env: dict, ops: bytes) -> None:
    if not isinstance(m, dict) or m.get("format") != PAYLOAD_FORMAT:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="manifest format")
    for k in ("village", "district", "seq", "log_from", "log_to", "chain_head"):
        if m.get(k) != env[k]:
            raise CunwuError("E_BUNDLE_PAYLOAD", detail=f"manifest {k}")
    count = 0 if not ops else ops.count(b"\n") + 1
    if m.get("ops_count") != count or m.get("ops_sha256") != sha256(ops):
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="manifest counts")
    if count != env["log_to"] - env["log_from"] + 1:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="log range")
    if not isinstance(m.get("chain_base"), str) or not crypto.HEX64.match(m["chain_base"]):
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="chain_base")
    applied = m.get("down_applied", 0)  # absent from bundles of older versions
    if type(applied) is not int or not 0 <= applied <= MAX_NUMBER:
        raise CunwuError("E_BUNDLE_PAYLOAD", detail="manifest down_applied")


class Op(msgspec.Struct, forbid_unknown_fields=True, gc=False, tag_field="op"):
    """One line of ops.jsonl: an Upsert or a Delete (its "op"), every key required, none other
    allowed."""

    entity: str
    log_seq: int
    row_version: int
    uuid: str


class Upsert(Op, tag="upsert"):
    row: msgspec.Raw  # the row's JSON exactly as sent: whoever uses it decodes it (and its UTF-8)


class Delete(Op, tag="delete"):
    row: None


_decode_op = msgspec.json.Decoder(Upsert | Delete).decode
_LOG_SEQ = attrgetter("log_seq")


@dataclass
class Ops:
    changes: list[Op]
    lines: list[bytes]  # the lines the chain runs over


def parse_ops(contents: Contents, first_seq: int) -> Ops:
    """Every op checked for shape and consecutive log_seq.

    Each line is decoded on its own (a value can never run from one line into the next) by a
    typed decoder in C, which checks the keys and their types as it parses and leaves an
    upsert's row as sent: the district's row checks decode each row against its table.
    """
    lines = contents.lines()
    try:
        changes = list(map(_decode_op, lines))
    except (msgspec.DecodeError, UnicodeDecodeError):
        changes = [_decode_line(i, line) for i, line in enumerate(lines)]
    if list(map(_LOG_SEQ, changes)) != list(range(first_seq, first_seq + len(changes))):
        seqs = map(_LOG_SEQ, changes)
        raise CunwuError("E_BUNDLE_PAYLOAD", detail=f"op {next(i for i, s in enumerate(seqs) if s != first_seq + i)}")
    return Ops(changes, lines)


class _Head(msgspec.Struct, forbid_unknown_fields=True):
    entity: str
    log_seq: int
    op: str
    row_version: int
    uuid: str


_decode_head = msgspec.json.Decoder(_Head).decode


def _decode_line(i: int, line: bytes) -> Op:
    """One line when the quick decode failed. An upsert whose row alone does not parse is
    kept with that row as sent, so that the row checks quarantine the bundle naming the row
    (a bad row is the village's data, not a broken bundle). In canonical JSON the keys are
    sorted and quotes in strings escaped, so the first `,"row":` and the last
    `,"row_version":` are the op's own keys whatever the row holds."""
    try:
        return _decode_op(line)
    except (msgspec.DecodeError, UnicodeDecodeError):
        pass
    a, z = line.find(b',"row":'), line.rfind(b',"row_version":')
    if 0 < a < z:
        try:
            head = _decode_head(line[:a] + line[z:])
        except (msgspec.DecodeError, UnicodeDecodeError):
            head = None
        if head is not None and head.op == "upsert":
            return Upsert(head.entity, head.log_seq, head.row_version, head.uuid, msgspec.Raw(line[a + 7:z]))
    raise CunwuError("E_BUNDLE_PAYLOAD", detail=f"op {i}")


def chain_over(base: bytes, lines: list[bytes]) -> list[bytes]:
    """The chain value after each line: h_k = SHA-256(h_{k-1} ‖ line_k)."""
    out, h = [], base
    for line in lines:
        h = hashlib.sha256(h + line).digest()
        out.append(h)
    return out
