"""Bundles made by hand for the district's tests and benchmarks: a village key enrolled at a
district, and correctly signed and sealed bundles carrying whatever ops a test wants (a hostile
village holds a real enrolled key)."""

from __future__ import annotations

import datetime as dt
import uuid as _uuid
import zlib


def enrol_key(d, village: str, name: str = "测试村", tls_sha256: str | None = None) -> tuple[bytes, str]:
    """A new key enrolled at `d` for `village` (its certificate pinning tls_sha256):
    (private key, key id)."""
    from cunwu.district.enrol import enrol
    from cunwu.sync import crypto, documents

    private, public = crypto.new_signing_key()
    req = {"format": documents.REQUEST_FORMAT, "village": village, "village_name": name,
           "district": d.code, "public_key_pem": crypto.public_pem(public),
           "key_id": crypto.key_id(public), "fingerprint": crypto.fingerprint(public),
           "created_at": "2026-11-22T00:00:00"}
    enrol(d, documents.dump(req, private), tls_sha256=tls_sha256)
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


SERVER = """
import json, sys
from pathlib import Path
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())
from cunwu.district import server
from cunwu.district.store import District
d = District.open(Path(sys.argv[1]))
server.serve(d, "127.0.0.1", int(sys.argv[2]), server.Limits.of(d, **json.loads(sys.argv[3])))
"""
PASSPHRASE = "district passphrase"


def no_keyring_district(folder, memory_keyring, monkeypatch):
    """A district whose keys are sealed files, so a child process can open it."""
    import keyring
    from keyring.backends import fail

    from cunwu.district.store import District

    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", PASSPHRASE)
    try:
        return District.create(folder, "330106", "西湖区")
    finally:
        keyring.set_keyring(memory_keyring)


class ServerProcess:
    """`district serve` in a child process on 127.0.0.1 (its memory measured apart from the
    test's), stopped on exit whatever happens."""

    def __init__(self, folder, limits: dict | None = None, script: str = SERVER) -> None:
        import json
        import os
        import socket
        import subprocess
        import sys

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(str(folder), "server.log"), "wb+")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, str(folder), str(self.port), json.dumps(limits or {})],
            stdout=self.log, stderr=subprocess.STDOUT,
            env=os.environ | {"CUNWU_KEY_PASSPHRASE": PASSPHRASE})

    def __enter__(self) -> "ServerProcess":
        import time

        import httpx

        deadline = time.monotonic() + 60
        while True:
            assert self.proc.poll() is None, self.log_text()
            try:
                httpx.get(self.url + "/api/v1/health", timeout=1)
                return self
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        self.proc.kill()
        self.proc.wait(10)
        self.log.close()

    def peak_rss_mb(self) -> float:
        """VmHWM, the most resident memory each has had so far, of the server and its helper
        process added up: an upper bound, as pages the two share are counted twice."""
        total = 0.0
        for pid in [self.proc.pid, *children(self.proc.pid)]:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
        return total

    def helper(self) -> int:
        """The process id of the server's helper (importer.Helper)."""
        [pid] = children(self.proc.pid)
        return pid

    def log_text(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    from pathlib import Path

    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass  # a process that ended meanwhile
    return out


def running(pid: int) -> bool:
    """Alive and not a zombie (an ended process its parent has not waited for)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def response_status(sock, timeout: float = 10) -> int | None:
    """The status of whatever the server answered on this connection (None: closed unanswered,
    or nothing within `timeout` seconds)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            got = sock.recv(4096)
            if not got:
                break
            data += got
    except OSError:
        pass
    return int(data.split()[1]) if data.startswith(b"HTTP/1.1") else None


def stream_upload(port: int, total: int, out: list) -> None:
    """A chunked upload of `total` bytes, as fast as the server takes it."""
    import socket

    sock = socket.create_connection(("127.0.0.1", port))
    piece = b"x" * 65536
    try:
        sock.sendall(b"POST /api/v1/bundles HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n")
        sent = 0
        while sent < total:
            sock.sendall(b"10000\r\n" + piece + b"\r\n")
            sent += len(piece)
        sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server answered and closed: the rest is never read
    out.append(response_status(sock))
    sock.close()


# -- rows and the workbench's client for the district's page tests -------------------------------
def person(name: str, id_number: str, status: str = "户籍在册") -> dict:
    return {"uuid": str(_uuid.uuid4()), "row_version": 1, "name": name, "id_number": id_number,
            "status": status, "status_since": None, "birth_date": "1950-01-01", "sex": "男",
            "ethnicity": "汉族", "household_uuid": None, "relation": "户主", "phone": "", "notes": "",
            "party_member": False, "created_at": "2026-11-22T08:00:00+00:00", "created_by": "clerk"}


def tag(p: dict, name: str, since: str = "2026-01-01", until=None) -> dict:
    return {"uuid": str(_uuid.uuid4()), "row_version": 1, "person_uuid": p["uuid"], "tag": name,
            "since": since, "until": until, "review_due": None, "data": "{}", "notes": ""}


def web_client(d, **options):
    """Starlette's client over the district's app (the receiver with the workbench at /)."""
    import warnings

    from cunwu.district.server import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note on its httpx test client
        from starlette.testclient import TestClient

    return TestClient(create_app(d, **options), base_url="http://127.0.0.1", follow_redirects=False)


def web_login(client, name):
    import re

    from support import PASSWORD

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"csrf_token": token, "name": name, "password": PASSWORD})
    return client
