"""`cunwu district tls-status`: the certificate given (names, fingerprint, days left, a warning
when it expires within 30 days or has expired) and what each village's district certificate
pinned against it; exit 1 when a village pinned another certificate or it has expired."""

from __future__ import annotations

import sqlite3

import pytest

from sync_support import cli_district
from tls_support import make_cert

VILLAGE = "330106001001"


@pytest.fixture
def enrolled_cli(store, cli, tmp_path):
    """A district with the fixture village's request at hand; enrol(cert) issues its certificate."""
    store.close()
    env = cli_district(cli, tmp_path)

    def enrol(cert=None):
        extra = ["--tls-cert", str(cert)] if cert else []
        r = cli("district", "enrol", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json"),
                "--url", "https://127.0.0.1:8750", *extra, user="admin", env=env)
        assert r.code == 0, r.err

    def status(*args):
        return cli("district", "tls-status", *args, user="admin", env=env)

    return enrol, status


def test_match_mismatch_and_no_tls(enrolled_cli, tmp_path):
    from cunwu.sync import tls

    enrol, status = enrolled_cli
    current, _, _ = make_cert(tmp_path, "district.example", days=365)
    renewed, _, _ = make_cert(tmp_path, "renewed", days=365)

    enrol()  # no pin: the village checks the server against CAs
    r = status("--tls-cert", str(current), "--json")
    assert r.code == 0, r.err
    assert [v["pin"] for v in r.json["villages"]] == ["none"] and r.json["villages"][0]["tls_sha256"] is None

    enrol(current)
    r = status("--tls-cert", str(current), "--json")
    assert r.code == 0, r.err
    fp = tls.cert_fingerprint(current)
    c = r.json["tls"]
    assert c["sha256"] == fp and c["sha256_grouped"] == tls.grouped(fp)
    assert (c["subject_cn"], c["issuer_cn"], c["self_signed"], c["state"]) == \
        ("district.example", "district.example", True, "valid")
    assert c["days_left"] in (364, 365) and c["valid_until"] and r.json["warn_days"] == 30
    [v] = r.json["villages"]
    assert (v["village"], v["pin"], v["tls_sha256"]) == (VILLAGE, "match", fp) and v["certificate_issued_at"]
    assert r.json["counts"]["match"] == 1 and r.json["needs_new_certificate"] == []

    # the certificate renewed, the village not enrolled again: its push would refuse the server
    r = status("--tls-cert", str(renewed), "--json")
    assert r.code == 1, r.err
    assert r.json["villages"][0]["pin"] == "mismatch" and r.json["needs_new_certificate"] == [VILLAGE]
    r = status("--tls-cert", str(renewed))
    assert r.code == 1 and "Villages that pinned another certificate: 1." in r.out and VILLAGE in r.out

    # served over plain http (or behind a proxy whose certificate is not given): nothing to compare
    r = status("--json")
    assert r.code == 0, r.err
    assert r.json["tls"] is None and r.json["villages"][0]["pin"] == "unchecked"
    assert "No TLS certificate given" in status().out


def test_expiring_soon_and_expired(enrolled_cli, tmp_path):
    enrol, status = enrolled_cli
    soon, _, _ = make_cert(tmp_path, "soon", days=10)
    gone, _, _ = make_cert(tmp_path, "gone", days=-1)

    enrol(soon)
    r = status("--tls-cert", str(soon), "--json")
    assert r.code == 0, r.err  # a warning, nothing refused yet
    assert r.json["tls"]["state"] == "expiring" and r.json["tls"]["days_left"] in (9, 10)
    text = status("--tls-cert", str(soon)).out
    assert "WARNING: the certificate expires in" in text and "Valid until" in text

    enrol(gone)
    r = status("--tls-cert", str(gone), "--json")
    assert r.code == 1, r.err
    assert r.json["tls"]["state"] == "expired" and r.json["tls"]["days_left"] < 0
    assert r.json["villages"][0]["pin"] == "match"
    text = status("--tls-cert", str(gone)).out
    assert "has expired" in text and "days left" not in text


def test_a_village_enrolled_before_pins_were_recorded_and_a_bad_file(enrolled_cli, tmp_path):
    enrol, status = enrolled_cli
    current, key, _ = make_cert(tmp_path, "current", days=365)
    enrol(current)
    with sqlite3.connect(tmp_path / "district" / "district.sqlite3") as conn:  # as migration d0010 left it
        conn.execute("UPDATE villages SET certificate_issued_at = NULL, tls_sha256 = NULL")
    r = status("--tls-cert", str(current), "--json")
    assert r.code == 0 and r.json["villages"][0]["pin"] == "unknown" and r.json["counts"]["unknown"] == 1

    for bad in (key, tmp_path / "missing.pem"):
        r = status("--tls-cert", str(bad))
        assert r.code != 0 and ("E_TLS_CERT" in r.err or "E_FILE_READ" in r.err), r.err
        assert "Traceback" not in r.err
