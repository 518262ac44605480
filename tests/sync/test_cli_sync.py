"""The sync and district commands end to end, as separate processes, on a machine without a
keyring (keys sealed under CUNWU_KEY_PASSPHRASE)."""

from __future__ import annotations

import json

from support import PASSWORD

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
              "CUNWU_KEY_PASSPHRASE": "district and village passphrase"}


def test_enrol_export_import_receipt_status(store, cli_process, tmp_path):
    cli = cli_process  # separate processes: the keyring backend is chosen per process
    store.close()
    ddir = str(tmp_path / "district")
    env = NO_KEYRING | {"CUNWU_DISTRICT_DIR": ddir}

    r = cli("sync", "enrol-request", "--out", str(tmp_path / "req.json"), user="admin", env=env)
    assert r.code == 0, r.err
    assert "No system keyring" in r.err
    village_fp = r.out.split(": ")[-1].strip()

    r = cli("district", "init", "--district-code", "330106", "--name", "西湖区", "--admin", "admin",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    r = cli("district", "enrol", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json"),
            "--json", user="admin", env=env)
    assert r.code == 0, r.err
    assert r.json["village_fingerprint"] == village_fp
    district_fp = r.json["district_fingerprint"]

    r = cli("sync", "accept-district", str(tmp_path / "cert.json"), "--fingerprint", district_fp,
            user="admin", env=env)
    assert r.code == 0, r.err

    usb = tmp_path / "usb"
    usb.mkdir()
    r = cli("sync", "export", "--out", str(usb), user="admin", env=env)
    assert r.code == 0, r.err
    bundle_path = r.out.strip()
    assert bundle_path.endswith("CW-330106001001-000001.cwb")

    (usb / "bad.cwb").write_bytes(b"PK\x03\x04 not a bundle")
    r = cli("district", "import", bundle_path, str(usb / "bad.cwb"), bundle_path, "--receipts",
            str(usb), user="admin", env=env)
    assert r.code == 1, r.err  # one file was rejected
    lines = r.out.splitlines()
    assert "applied" in lines[0] and "rejected E_BUNDLE_" in lines[1] and "already applied" in lines[2]

    r = cli("sync", "import-receipt", str(usb / "CW-330106001001-000001.receipt.json"),
            user="admin", env=env)
    assert r.code == 0, r.err

    r = cli("sync", "status", "--json", env=env)
    assert r.code == 0, r.err
    st = r.json
    assert st["last_bundle"]["seq"] == 1 and st["last_receipt"]["seq"] == 1
    assert st["unconfirmed_changes"] == 0 and st["last_successful_sync"]

    r = cli("district", "status", "--json", user="admin", env=env)
    assert r.code == 0, r.err
    [v] = r.json
    assert v["village"] == "330106001001" and v["last_seq"] == 1 and v["entities"]["village"] == 1

    r = cli("district", "report", "--json", user="admin", env=env)
    assert r.code == 0, r.err
    assert r.json["totals"]["villages"] == 1
    assert json.dumps(r.json)  # JSON only on stdout

    r = cli("district", "report", "--date", "2026-13-45", user="admin", env=env)  # the one date parser
    assert r.code == 1 and "E_DATE" in r.err and "E_INTERNAL" not in r.err


def test_supervisor_cannot_export(store, cli, tmp_path):
    store.close()
    r = cli("sync", "export", "--out", str(tmp_path), user="supervisor", env=NO_KEYRING)
    assert r.code == 1 and "E_PERMISSION" in r.err


def test_district_commands_need_a_district(cli, tmp_path):
    r = cli("district", "status", "--district-dir", str(tmp_path / "none"))
    assert r.code == 1 and "E_DISTRICT_MISSING" in r.err


def test_district_commands_need_a_district_login(cli, tmp_path):
    """Reading needs any district account, writing the right role; none at all says how to
    make the first admin."""
    env = {"CUNWU_DISTRICT_DIR": str(tmp_path / "district")} | NO_KEYRING
    r = cli("district", "init", "--district-code", "330106", "--name", "西湖区", env=env)
    assert r.code == 0, r.err
    r = cli("district", "status", env=env)
    assert r.code == 1 and "E_DISTRICT_NO_USERS" in r.err
    r = cli("district", "users", "add", "viewer1", "--role", "viewer",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 1 and "E_DISTRICT_FIRST_ADMIN" in r.err
    r = cli("district", "users", "add", "admin", "--role", "admin", env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    r = cli("district", "users", "add", "viewer1", "--role", "viewer",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 2 and "E_DISTRICT_LOGIN" in r.err
    r = cli("district", "users", "add", "viewer1", "--role", "viewer", user="admin",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    r = cli("district", "status", "--json", env=env)
    assert r.code == 2 and "E_DISTRICT_LOGIN" in r.err
    viewer = env | {"CUNWU_USER": "viewer1", "CUNWU_PASSWORD": PASSWORD}
    r = cli("district", "status", "--json", env=viewer)
    assert r.code == 0 and r.json == [], r.err
    r = cli("district", "import", str(tmp_path / "x.cwb"), env=viewer)
    assert r.code == 1 and "E_PERMISSION" in r.err
    r = cli("district", "status", env=env | {"CUNWU_USER": "viewer1", "CUNWU_PASSWORD": "wrong-pass"})
    assert r.code == 1 and "E_AUTH_FAILED" in r.err
    r = cli("district", "users", "list", "--json", env=viewer)
    assert [(u["name"], u["role"]) for u in r.json] == [("admin", "admin"), ("viewer1", "viewer")]
