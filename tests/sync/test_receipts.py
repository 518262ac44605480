"""Receipts and certificates the village accepts only from its own district."""

from __future__ import annotations

import json

import pytest

from cunwu.district import importer
from cunwu.errors import CunwuError
from sync_support import add_households, export


def _receipt(enrolled, admin, district, tmp_path):
    add_households(enrolled, admin, 2)
    return importer.import_file(district, export(enrolled, admin, tmp_path / "usb")).receipt


def test_a_forged_receipt_is_refused(enrolled, admin, district, tmp_path):
    from cunwu.sync import crypto, documents
    from cunwu.services import sync

    body = json.loads(_receipt(enrolled, admin, district, tmp_path))["body"]
    forger, _ = crypto.new_signing_key()
    with pytest.raises(CunwuError) as e:
        sync.import_receipt(enrolled, admin, documents.dump(body, forger))
    assert e.value.code == "E_RECEIPT_SIGNATURE"
    doc = json.loads(_receipt(enrolled, admin, district, tmp_path))
    doc["body"]["last_log_seq"] += 1  # altered after signing
    with pytest.raises(CunwuError) as e:
        sync.import_receipt(enrolled, admin, json.dumps(doc).encode())
    assert e.value.code == "E_RECEIPT_SIGNATURE"
    assert sync.status(enrolled)["last_receipt"] is None


def test_a_receipt_for_another_village_is_refused(enrolled, admin, district, tmp_path):
    from cunwu.sync import documents
    from cunwu.services import sync

    body = json.loads(_receipt(enrolled, admin, district, tmp_path))["body"]
    body["village"] = "330106001002"
    with pytest.raises(CunwuError) as e:
        sync.import_receipt(enrolled, admin, documents.dump(body, district.signing_private()))
    assert e.value.code == "E_RECEIPT_VILLAGE"


def test_a_receipt_for_a_bundle_never_written_is_refused(enrolled, admin, district, tmp_path):
    from cunwu.sync import documents
    from cunwu.services import sync

    body = json.loads(_receipt(enrolled, admin, district, tmp_path))["body"]
    body["envelope_sha256"] = "0" * 64
    with pytest.raises(CunwuError) as e:
        sync.import_receipt(enrolled, admin, documents.dump(body, district.signing_private()))
    assert e.value.code == "E_RECEIPT_UNKNOWN"


def test_a_receipt_imported_twice_counts_once(enrolled, admin, district, tmp_path):
    from cunwu.services import sync

    receipt = _receipt(enrolled, admin, district, tmp_path)
    assert sync.import_receipt(enrolled, admin, receipt)["already"] is False
    assert sync.import_receipt(enrolled, admin, receipt)["already"] is True
    assert sync.status(enrolled)["unconfirmed_changes"] == 0


def test_a_certificate_with_a_wrong_fingerprint_is_refused(store, admin, district, tmp_path):
    from cunwu.district.enrol import enrol
    from cunwu.sync import documents, village
    from cunwu.services import sync

    sync.enrol_request(store, admin, tmp_path / "req.json")
    cert, _ = enrol(district, (tmp_path / "req.json").read_bytes())
    body = json.loads(cert)["body"]
    body["fingerprint"] = "AAAA " * 15 + "AAAA"
    (tmp_path / "bad.json").write_bytes(documents.dump(body, district.signing_private()))
    with pytest.raises(CunwuError) as e:
        sync.accept_district(store, admin, tmp_path / "bad.json")
    assert e.value.code == "E_CERT_FINGERPRINT"
    (tmp_path / "cert.json").write_bytes(cert)
    with pytest.raises(CunwuError) as e:  # the person on the phone read out another fingerprint
        sync.accept_district(store, admin, tmp_path / "cert.json", expect_fingerprint="1234 5678")
    assert e.value.code == "E_CERT_FINGERPRINT"
    assert village.district(store) is None
    sync.accept_district(store, admin, tmp_path / "cert.json",
                            expect_fingerprint=district.fingerprint().replace(" ", "").lower())
    assert village.district(store).fingerprint == district.fingerprint()


def test_a_certificate_signed_by_someone_else_is_refused(store, admin, district, tmp_path):
    from cunwu.district.enrol import enrol
    from cunwu.sync import crypto, documents
    from cunwu.services import sync

    sync.enrol_request(store, admin, tmp_path / "req.json")
    cert, _ = enrol(district, (tmp_path / "req.json").read_bytes())
    body = json.loads(cert)["body"]
    other, _ = crypto.new_signing_key()
    (tmp_path / "bad.json").write_bytes(documents.dump(body, other))
    with pytest.raises(CunwuError) as e:
        sync.accept_district(store, admin, tmp_path / "bad.json")
    assert e.value.code == "E_CERT_SIGNATURE"
