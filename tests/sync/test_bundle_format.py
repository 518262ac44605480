"""The bundle file as SYNC.md specifies it, checked with standard tools."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from sync_support import add_households, export


def test_bundle_name_entries_and_envelope(enrolled, admin, tmp_path):
    add_households(enrolled, admin, 3)
    path = export(enrolled, admin, tmp_path / "usb")
    assert path.name == "CW-330106001001-000001.cwb"
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["envelope.json", "envelope.sig", "payload.bin"]
        env = json.loads(zf.read("envelope.json"))
        assert len(zf.read("envelope.sig")) == 64
        payload = zf.read("payload.bin")
    assert set(env) == {"format", "village", "district", "seq", "prev_envelope_sha256", "log_from",
                        "log_to", "chain_head", "sender_key_id", "recipient_key_id", "payload_sha256",
                        "payload_len", "schema_version", "app_version", "created_at"}
    assert env["format"] == "cunwu.bundle/1" and env["seq"] == 1 and env["log_from"] == 1
    assert env["payload_len"] == len(payload)
    # Sealed: no row content is readable in the payload.
    assert "村0号".encode() not in payload and b"H00000-" not in payload


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_openssl_verifies_a_real_bundle_signature(enrolled, admin, tmp_path):
    from cunwu.sync import crypto, village

    add_households(enrolled, admin, 2)
    path = export(enrolled, admin, tmp_path / "usb")
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path / "x")
    key = village.active_key(enrolled)
    (tmp_path / "village.pem").write_text(crypto.public_pem(bytes.fromhex(key.public_key)))
    cmd = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "village.pem"),
           "-rawin", "-in", str(tmp_path / "x" / "envelope.json"),
           "-sigfile", str(tmp_path / "x" / "envelope.sig")]
    ok = subprocess.run(cmd, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "Signature Verified Successfully" in ok.stdout
    env = tmp_path / "x" / "envelope.json"
    env.write_bytes(env.read_bytes().replace(b'"seq":1', b'"seq":2'))
    assert subprocess.run(cmd, capture_output=True).returncode != 0


def test_bundles_are_cumulative_since_the_last_receipt(enrolled, admin, district, tmp_path):
    from cunwu.district import importer
    from cunwu.sync import bundle
    from cunwu.services import sync

    add_households(enrolled, admin, 2)
    first = export(enrolled, admin, tmp_path / "a")
    add_households(enrolled, admin, 2, 10)
    second = export(enrolled, admin, tmp_path / "b")  # no receipt yet: carries both
    env1 = bundle.unpack(first.read_bytes()).envelope
    env2 = bundle.unpack(second.read_bytes()).envelope
    assert env2["log_from"] == env1["log_from"] == 1 and env2["log_to"] > env1["log_to"]
    assert env2["prev_envelope_sha256"] == bundle.sha256(bundle.unpack(first.read_bytes()).envelope_bytes)
    out = importer.import_file(district, second)
    sync.import_receipt(enrolled, admin, out.receipt)
    add_households(enrolled, admin, 1, 20)
    third = export(enrolled, admin, tmp_path / "c")
    env3 = bundle.unpack(third.read_bytes()).envelope
    assert env3["log_from"] == env2["log_to"] + 1


def test_unusual_names_take_the_checked_slow_path(enrolled, admin, district, tmp_path, monkeypatch):
    from cunwu.district import importer
    from cunwu.sync import village

    add_households(enrolled, admin, 3)
    # Pretend SQLite formatted a line differently from Python: the last-line check notices it,
    # the slow path rebuilds every line and checks the whole chain.
    class Skewed:
        def __init__(self, writer):
            self.writer = writer

        def add_lines(self, lines):
            self.writer.add_lines([x + b" " for x in lines])

    real = village._stream_op_lines
    monkeypatch.setattr(village, "_stream_op_lines",
                        lambda raw, after, writer: real(raw, after, Skewed(writer)))
    path = export(enrolled, admin, tmp_path / "usb")
    assert importer.import_file(district, path).status == "applied"


@pytest.mark.parametrize("applied, ok", [(None, True), (0, True), (7, True), (-1, False), ("3", False),
                                         (True, False), (2**31, False), (1.0, False)])
def test_the_manifests_down_applied_is_a_bundle_number(applied, ok):
    from cunwu.errors import CunwuError
    from cunwu.sync import bundle

    env = {"village": "330106001001", "district": "330106", "seq": 1, "log_from": 1, "log_to": 1,
           "chain_head": "a" * 64}
    ops = b'{"op":1}'
    m = {"format": bundle.PAYLOAD_FORMAT, **env, "ops_count": 1, "ops_sha256": bundle.sha256(ops),
         "chain_base": "b" * 64} | ({} if applied is None else {"down_applied": applied})
    if ok:
        bundle.check_manifest(m, env, ops)
    else:
        with pytest.raises(CunwuError) as e:
            bundle.check_manifest(m, env, ops)
        assert e.value.code == "E_BUNDLE_PAYLOAD" and "down_applied" in e.value.params["detail"]
