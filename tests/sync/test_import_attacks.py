"""Hostile and damaged bundles: each is refused with its own code and nothing is written."""

from __future__ import annotations

import io
import zipfile

import pytest

from sync_support import (add_households, assert_rejected, district_counts, entries_of, export,
                          resign, rezip)

ENTRIES = ("envelope.json", "envelope.sig", "payload.bin")


@pytest.fixture
def bundle_bytes(enrolled, admin, tmp_path):
    add_households(enrolled, admin, 5)
    return export(enrolled, admin, tmp_path / "usb").read_bytes()


def _village_private(store):
    from cunwu.sync import village

    return village.private_key(store, village.active_key(store))


@pytest.mark.parametrize("entry", ENTRIES)
def test_flipped_byte_in_each_entry(bundle_bytes, district, entry):
    # In place (the zip's CRC catches it) ...
    with zipfile.ZipFile(io.BytesIO(bundle_bytes)) as zf:
        info = zf.getinfo(entry)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    at = start + info.compress_size // 2
    flipped = bytearray(bundle_bytes)
    flipped[at] ^= 0x01
    assert_rejected(district, bytes(flipped), {"E_BUNDLE_FORMAT"})
    # ... and re-zipped with a correct CRC, so the signature or the payload hash must catch it.
    parts = entries_of(bundle_bytes)
    body = bytearray(parts[entry])
    body[len(body) // 2] ^= 0x01
    parts[entry] = bytes(body)
    expected = {"envelope.json": {"E_BUNDLE_SIGNATURE", "E_BUNDLE_FORMAT"},
                "envelope.sig": {"E_BUNDLE_SIGNATURE"}, "payload.bin": {"E_BUNDLE_PAYLOAD"}}[entry]
    assert_rejected(district, rezip([(n, parts[n]) for n in ENTRIES]), expected)


@pytest.mark.parametrize("cut", [0, 1, 30, 200, 0.5, -22, -1])
def test_truncated(bundle_bytes, district, cut):
    n = int(len(bundle_bytes) * cut) if isinstance(cut, float) else cut
    assert_rejected(district, bundle_bytes[:n], {"E_BUNDLE_FORMAT", "E_BUNDLE_ENTRIES"})


def test_extra_entry(bundle_bytes, district):
    parts = entries_of(bundle_bytes)
    data = rezip([(n, parts[n]) for n in ENTRIES] + [("readme.txt", b"hi")])
    assert_rejected(district, data, "E_BUNDLE_ENTRIES")


def test_missing_entry(bundle_bytes, district):
    parts = entries_of(bundle_bytes)
    assert_rejected(district, rezip([(n, parts[n]) for n in ENTRIES[:2]]), "E_BUNDLE_ENTRIES")


def test_duplicate_entry(bundle_bytes, district):
    parts = entries_of(bundle_bytes)
    data = rezip([(n, parts[n]) for n in ENTRIES] + [("payload.bin", parts["payload.bin"])])
    assert_rejected(district, data, "E_BUNDLE_ENTRIES")


@pytest.mark.parametrize("name", ["../payload.bin", "x/payload.bin", "/payload.bin", "payload.bin/"])
def test_path_entries(bundle_bytes, district, name):
    parts = entries_of(bundle_bytes)
    data = rezip([("envelope.json", parts["envelope.json"]), ("envelope.sig", parts["envelope.sig"]),
                  (name, parts["payload.bin"])])
    assert_rejected(district, data, "E_BUNDLE_ENTRIES")


def test_zip_bomb(bundle_bytes, district, monkeypatch):
    from cunwu.sync import bundle

    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 16 * 1024 * 1024)  # keeps the test quick
    parts = entries_of(bundle_bytes)
    bomb = rezip([("envelope.json", parts["envelope.json"]), ("envelope.sig", parts["envelope.sig"]),
                  ("payload.bin", bytes(64 * 1024 * 1024))], compression=zipfile.ZIP_DEFLATED)
    assert len(bomb) < 256 * 1024  # tiny on the stick, 64 MB unpacked
    assert_rejected(district, bomb, "E_BUNDLE_SIZE")


def test_payload_bomb_inside_a_signed_bundle(enrolled, admin, district, monkeypatch, tmp_path):
    from cunwu.sync import bundle

    add_households(enrolled, admin, 200)
    data = export(enrolled, admin, tmp_path / "usb").read_bytes()
    monkeypatch.setattr(bundle, "MAX_PLAINTEXT_BYTES", 4096)  # the district's limit, shrunk
    assert_rejected(district, data, "E_BUNDLE_PAYLOAD")


def test_oversized_file(bundle_bytes, district, monkeypatch, tmp_path):
    from cunwu.district import importer
    from cunwu.sync import bundle

    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", len(bundle_bytes) - 1)
    assert_rejected(district, bundle_bytes, "E_BUNDLE_SIZE")
    on_stick = tmp_path / "big.cwb"  # as a file: read no further than a byte past the cap
    on_stick.write_bytes(bundle_bytes + bytes(4096))
    [(_, refused)] = importer.import_files(district, [on_stick])
    assert refused.code == "E_BUNDLE_SIZE" and refused.params["size"] == len(bundle_bytes)


def test_unknown_key(bundle_bytes, district):
    from cunwu.sync import crypto

    private, public = crypto.new_signing_key()
    data = resign(bundle_bytes, private, sender_key_id=crypto.key_id(public))
    assert_rejected(district, data, "E_BUNDLE_KEY")


def test_key_of_another_village(bundle_bytes, district, tmp_path):
    from cunwu.district.enrol import enrol
    from cunwu.store.canonical import canonical_json
    from cunwu.sync import crypto, documents

    private, public = crypto.new_signing_key()  # 330106001002 enrols its own key
    body = {"format": documents.REQUEST_FORMAT, "village": "330106001002", "village_name": "绿水村",
            "district": "330106", "public_key_pem": crypto.public_pem(public),
            "key_id": crypto.key_id(public), "fingerprint": crypto.fingerprint(public),
            "created_at": "2026-01-01T00:00:00"}
    enrol(district, documents.dump(body, private))
    assert canonical_json  # the other village signs a bundle that claims to be 青山村
    data = resign(bundle_bytes, private, sender_key_id=crypto.key_id(public))
    assert_rejected(district, data, "E_BUNDLE_KEY")


def test_revoked_key(enrolled, admin, district, bundle_bytes, tmp_path):
    from cunwu.district.enrol import enrol
    from cunwu.services import sync

    sync.replace_lost_key(enrolled, admin)  # the old key is lost: enrol again
    sync.enrol_request(enrolled, admin, tmp_path / "again.json")
    _, info = enrol(district, (tmp_path / "again.json").read_bytes(), revoke_from=1)
    assert info["revoked_from"] == 1
    assert_rejected(district, bundle_bytes, "E_BUNDLE_REVOKED")


def test_wrong_district_code(enrolled, bundle_bytes, district):
    data = resign(bundle_bytes, _village_private(enrolled), district="330107")
    assert_rejected(district, data, "E_BUNDLE_DISTRICT")


def test_another_districts_keys(bundle_bytes, tmp_path):
    from cunwu.district.store import District

    other = District.create(tmp_path / "other", "330106", "另一个区")  # same code, other keys
    try:
        assert_rejected(other, bundle_bytes, "E_BUNDLE_DISTRICT")
    finally:
        other.close()


def test_newer_schema(enrolled, bundle_bytes, district):
    data = resign(bundle_bytes, _village_private(enrolled), schema_version="0001+0099")
    code = assert_rejected(district, data, "E_BUNDLE_SCHEMA")
    assert code == "E_BUNDLE_SCHEMA"


def test_payload_moved_under_another_envelope(enrolled, admin, bundle_bytes, district):
    # A correctly signed envelope whose bound fields differ from those the payload was sealed with.
    data = resign(bundle_bytes, _village_private(enrolled), log_to=entries_log_to(bundle_bytes) + 1)
    assert_rejected(district, data, {"E_BUNDLE_PAYLOAD"})


def entries_log_to(data: bytes) -> int:
    import json

    return json.loads(entries_of(data)["envelope.json"])["log_to"]


def test_a_valid_bundle_passes(bundle_bytes, district):
    from cunwu.district import importer

    assert importer.import_bytes(district, bundle_bytes).status == "applied"
    assert district_counts(district)["records"] == 6  # the village row + 5 households
