"""TLS: the receiver serves https; a push checks the server against the certificate fingerprint
pinned in the district certificate (or a CA file) and refuses any other server with E_SYNC_TLS,
before any of the bundle is sent and without retrying. Real uvicorn servers on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from cunwu.errors import CunwuError
from sync_support import add_households, district_counts, district_rows, village_rows
from tls_support import make_cert

VILLAGE = "330106001001"


class TlsServer:
    """The district's receiver with the uvicorn settings `district serve --tls-cert` uses."""

    def __init__(self, district, cert: Path, key: Path) -> None:
        import uvicorn

        from cunwu.district import server

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(server.config(district, "127.0.0.1", self.port, tls=(cert, key)))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return f"https://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def enrol_pinned(store, admin, district, folder: Path, pin: str | None) -> None:
    from cunwu.district.enrol import enrol
    from cunwu.services import sync
    from cunwu.sync import tls

    folder.mkdir(parents=True, exist_ok=True)
    sync.enrol_request(store, admin, folder / "request.json")
    cert, _ = enrol(district, (folder / "request.json").read_bytes(), tls_sha256=pin)
    (folder / "cert.json").write_bytes(cert)
    got = sync.accept_district(store, admin, folder / "cert.json")
    assert got["tls_fingerprint"] == (tls.normalise(pin) if pin else None)


def test_push_over_https_to_the_pinned_certificate(store, admin, district, tmp_path):
    from cunwu.services import sync
    from cunwu.sync import tls

    cert, key, _ = make_cert(tmp_path, "district")
    pin = tls.cert_fingerprint(cert)
    enrol_pinned(store, admin, district, tmp_path / "enrol", ":".join(pin[i:i + 2].upper()
                                                                        for i in range(0, 64, 2)))
    add_households(store, admin, 8)
    with TlsServer(district, cert, key) as url:
        got = sync.push_bundle(store, admin, url, attempts=1)
    assert got["status"] == "applied" and got["matches"] is True
    assert district_rows(district, VILLAGE) == village_rows(store)
    assert sync.status(store)["district_tls_fingerprint"] == pin


def test_a_server_with_another_certificate_is_refused_at_once(store, admin, district, tmp_path):
    from cunwu.services import sync
    from cunwu.sync import tls

    enrolled_cert, _, _ = make_cert(tmp_path, "enrolled")
    cert, key, _ = make_cert(tmp_path, "impostor")
    enrol_pinned(store, admin, district, tmp_path / "enrol", tls.cert_fingerprint(enrolled_cert))
    add_households(store, admin, 3)
    before = district_counts(district)
    slept = []
    with TlsServer(district, cert, key) as url:
        with pytest.raises(CunwuError) as e:
            sync.push_bundle(store, admin, url, attempts=4, sleep=slept.append)
    assert e.value.code == "E_SYNC_TLS" and tls.cert_fingerprint(cert) in e.value.message
    assert slept == []  # refused, not retried
    assert district_counts(district) == before  # nothing reached the importer
    st = sync.status(store)
    assert st["last_receipt"] is None and st["unconfirmed_changes"] > 0

    with pytest.raises(CunwuError) as e:  # a pin and a plain http address: refused before sending
        sync.push_bundle(store, admin, url.replace("https://", "http://"), attempts=1)
    assert e.value.code == "E_SYNC_TLS"


def test_a_ca_file_instead_of_a_pin(store, admin, district, tmp_path):
    from cunwu.services import sync

    ca_file, _, ca = make_cert(tmp_path, "district-ca", ca=True)
    other_ca, _, _ = make_cert(tmp_path, "other-ca", ca=True)
    cert, key, _ = make_cert(tmp_path, "receiver", issuer=ca)
    enrol_pinned(store, admin, district, tmp_path / "enrol", None)
    add_households(store, admin, 2)
    with TlsServer(district, cert, key) as url:
        for refused in (other_ca, None):  # another CA; no CA file: the system's CAs
            with pytest.raises(CunwuError) as e:
                sync.push_bundle(store, admin, url, attempts=1, ca_file=refused)
            assert e.value.code == "E_SYNC_TLS"
        got = sync.push_bundle(store, admin, url, attempts=1, ca_file=ca_file)
    assert got["status"] == "applied"
    assert district_rows(district, VILLAGE) == village_rows(store)


def test_the_district_records_the_pin_of_each_certificate_it_issues(store, admin, district, tmp_path):
    """At each enrolment the village's row keeps the fingerprint its new certificate pins (null
    for none) and when it was issued; enrolling again replaces both."""
    import sqlalchemy as sa

    from cunwu.district.schema import villages
    from cunwu.sync import tls

    def recorded():
        with district.engine.connect() as conn:
            return conn.execute(sa.select(villages.c.certificate_issued_at, villages.c.tls_sha256)
                                .where(villages.c.code == VILLAGE)).one()

    first, _, _ = make_cert(tmp_path, "first")
    renewed, _, _ = make_cert(tmp_path, "renewed")
    enrol_pinned(store, admin, district, tmp_path / "plain", None)
    issued, pin = recorded()
    assert issued and pin is None
    enrol_pinned(store, admin, district, tmp_path / "pinned", tls.grouped(tls.cert_fingerprint(first)))
    assert recorded()[1] == tls.cert_fingerprint(first)  # stored normalised, whatever was typed
    enrol_pinned(store, admin, district, tmp_path / "renewed", tls.cert_fingerprint(renewed))
    again, pin = recorded()
    assert pin == tls.cert_fingerprint(renewed) and again >= issued


def test_a_certificate_is_read_with_its_names_and_dates(tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    from cunwu.sync import tls

    ca_file, _, ca = make_cert(tmp_path, "区县 CA", ca=True, days=3650)
    cert_file, key_file, (cert, _) = make_cert(tmp_path, "district.example", issuer=ca, days=90)
    got = tls.read_certificate(cert_file)
    assert (got.subject_cn, got.issuer_cn, got.self_signed) == ("district.example", "区县 CA", False)
    assert got.not_after == cert.not_valid_after_utc and got.sha256 == tls.cert_fingerprint(cert_file)
    assert tls.read_certificate(ca_file).self_signed
    # a full chain (the server's own first), a key before it, or DER: the same certificate
    (tmp_path / "chain.pem").write_bytes(cert_file.read_bytes() + ca_file.read_bytes())
    (tmp_path / "both.pem").write_bytes(key_file.read_bytes() + cert_file.read_bytes())
    (tmp_path / "cert.der").write_bytes(cert.public_bytes(Encoding.DER))
    for name in ("chain.pem", "both.pem", "cert.der"):
        assert tls.read_certificate(tmp_path / name) == got
    assert tls.grouped(got.sha256) == " ".join(got.sha256[i:i + 4].upper() for i in range(0, 64, 4))


def test_unusable_certificate_files(tmp_path):
    from cunwu.sync import tls

    (tmp_path / "junk.pem").write_text("not a certificate")
    (tmp_path / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    (tmp_path / "huge.pem").write_bytes(b"-" * (tls.MAX_CERT_BYTES + 1))
    (tmp_path / "empty.pem").write_bytes(b"")
    _, key, _ = make_cert(tmp_path, "only-key")
    for name in ("broken.pem", "huge.pem", "empty.pem", key.name, "."):
        with pytest.raises(CunwuError) as e:
            tls.read_certificate(tmp_path / name)
        assert e.value.code == ("E_FILE_READ" if name == "." else "E_TLS_CERT"), name
    for bad, code in ((lambda: tls.cert_fingerprint(tmp_path / "junk.pem"), "E_TLS_CERT"),
                      (lambda: tls.cert_fingerprint(tmp_path / "missing.pem"), "E_FILE_READ"),
                      (lambda: tls.normalise("12:34"), "E_TLS_CERT"),
                      (lambda: tls.client_context(ca_file=tmp_path / "junk.pem"), "E_TLS_CERT")):
        with pytest.raises(CunwuError) as e:
            bad()
        assert e.value.code == code
