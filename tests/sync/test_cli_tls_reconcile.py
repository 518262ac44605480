"""From the command line, as separate processes: `district serve --tls-cert --tls-key`, enrolment
pinning the TLS certificate, `sync push` over https (and its refusal of another server), and
`sync import-receipt` / `sync status --json` reporting the reconciliation."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
import sqlalchemy as sa

from support import PASSWORD
from tls_support import make_cert

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
              "CUNWU_KEY_PASSPHRASE": "district and village passphrase"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`cunwu district serve` over https in its own process; stopped on exit."""

    def __init__(self, env: dict, cert, key, log) -> None:
        self.port = _free_port()
        full = {k: v for k, v in os.environ.items() if not k.startswith("CUNWU_")}
        full.update(env | {"CUNWU_LANG": "en", "CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD})
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cunwu", "district", "serve", "--host", "127.0.0.1", "--port",
             str(self.port), "--tls-cert", str(cert), "--tls-key", str(key)],
            env=full, stdout=self.log, stderr=subprocess.STDOUT)
        self.logfile = log

    def __enter__(self) -> str:
        url = f"https://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:  # the health check only: verify=False is this probe's, never the push's
                if httpx.get(url + "/api/v1/health", timeout=2, verify=False).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start: " + self.logfile.read_text())
            time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def test_tls_push_and_reconciliation_from_the_command_line(store, cli_process, tmp_path):
    cli = cli_process
    store.close()
    ddir = tmp_path / "district"
    env = NO_KEYRING | {"CUNWU_DISTRICT_DIR": str(ddir)}
    cert, key, _ = make_cert(tmp_path, "receiver")
    other_cert, other_key, _ = make_cert(tmp_path, "other")

    r = cli("sync", "enrol-request", "--out", str(tmp_path / "req.json"), user="admin", env=env)
    assert r.code == 0, r.err
    r = cli("district", "init", "--district-code", "330106", "--name", "西湖区", "--admin", "admin",
            env=env | {"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    r = cli("district", "serve", "--tls-cert", str(cert), user="admin", env=env)
    assert r.code != 0 and "--tls-key" in r.err  # the two go together

    with Serve(env, cert, key, tmp_path / "server.log") as url:
        r = cli("district", "enrol", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json"),
                "--url", url, "--tls-cert", str(cert), "--json", user="admin", env=env)
        assert r.code == 0, r.err
        pin = r.json["tls_sha256"]
        assert len(pin) == 64
        r = cli("sync", "accept-district", str(tmp_path / "cert.json"), user="admin", env=env)
        assert r.code == 0 and pin in r.out, r.err

        r = cli("sync", "push", user="admin", env=env)
        assert r.code == 0, r.err
        assert "The district's copy matches this village's." in r.out
        r = cli("sync", "status", "--json", env=env)
        st = r.json
        assert st["matches"] is True and st["district_tls_fingerprint"] == pin
        assert st["reconciliation"]["village"] == {"village": 1, "district": 1, "matches": True}

        # the district loses the village row; the next receipt says so, the next push re-sends
        engine = sa.create_engine(f"sqlite:///{ddir / 'district.sqlite3'}")
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM records WHERE entity = 'village'"))
        engine.dispose()
        r = cli("households", "add", "--number", "H0001", "--address", "村1号", user="admin", env=env)
        assert r.code == 0, r.err
        r = cli("sync", "push", user="admin", env=env)
        assert r.code == 0, r.err
        assert "differs" in r.out and "village: 1 here, 0 at the district" in r.out
        r = cli("sync", "status", "--json", env=env)
        assert r.json["matches"] is False and r.json["resend"] == ["village"]
        assert r.json["reconciliation"]["village"] == {"village": 1, "district": 0, "matches": False}
        r = cli("sync", "push", user="admin", env=env)
        assert r.code == 0 and "matches" in r.out, r.out + r.err
        r = cli("sync", "status", "--json", env=env)
        assert r.json["matches"] is True and r.json["resend"] == []

    # another server on the same address (say, after a DNS change): refused with the TLS code
    with Serve(env, other_cert, other_key, tmp_path / "server2.log") as other:
        r = cli("sync", "push", "--url", other, "--attempts", "3", user="admin", env=env)
        assert r.code == 1 and "E_SYNC_TLS" in r.err and "Traceback" not in r.err
        r = cli("sync", "push", "--url", other, "--ca-file", str(other_cert), user="admin", env=env)
        assert r.code == 1 and "E_SYNC_TLS" in r.err  # a CA file does not lift the pin


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
