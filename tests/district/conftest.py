"""District workbench fixtures: keys in sealed files (so a server process can read them), a
district with accounts, and `cunwu district serve` running for real on 127.0.0.1 over a district
that holds one enrolled, synced village."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import PASSWORD

KEY_PASSPHRASE = "district test passphrase"
# (name, role) of the accounts every district here has; all use PASSWORD
ACCOUNTS = [("admin", "admin"), ("officer1", "officer"), ("viewer1", "viewer"), ("locked1", "viewer")]


def _sealed_keys(mp):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    mp.setenv("CUNWU_KEY_PASSPHRASE", KEY_PASSPHRASE)
    return previous


@pytest.fixture(autouse=True)
def sealed_keys(monkeypatch):
    import keyring

    previous = _sealed_keys(monkeypatch)
    yield
    keyring.set_keyring(previous)


def _add_accounts(d) -> None:
    from cunwu.district import accounts

    admin = None
    for name, role in ACCOUNTS:
        accounts.add_user(d, admin, name, role, PASSWORD)
        admin = admin or accounts.DistrictUser("admin", "admin")


@pytest.fixture
def district(tmp_path):
    """A district (SQLite) with the ACCOUNTS and no village yet."""
    from cunwu.district.store import District

    d = District.create(tmp_path / "district", "330106", "西湖区民政")
    _add_accounts(d)
    yield d
    d.close()


@dataclass
class Served:
    url: str
    folder: Path
    process: subprocess.Popen
    demo: dict = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _synced_district(base: Path, template_db: Path, escalated: bool = False) -> Path:
    """The fixture village (青山村, five residents) enrolled at a new district and its first
    bundle imported there; with `escalated`, a case about its first resident was escalated to
    the township (上报乡镇) before it."""
    import shutil

    from cunwu.district import importer
    from cunwu.district.store import District
    from cunwu.services.village import admin_actor
    from cunwu.store import Store
    from meetings_people import people
    from sync_support import enrol_at, export

    village = base / "village"
    village.mkdir()
    shutil.copyfile(template_db, village / "cunwu.sqlite3")
    with Store.open(village) as store, District.create(base / "district", "330106", "西湖区民政") as d:
        _add_accounts(d)
        actor = admin_actor(store, "admin")
        enrol_at(store, actor, d, base / "enrol")
        found = people(store, actor, 5)
        if escalated:
            from cunwu.services import cases

            n = cases.open_case(store, actor, {"person": found[0].uuid, "category": "低保",
                                               "title": "低保复核", "handler": "admin"})["number"]
            cases.escalate(store, actor, n, "需要乡镇民政办协调")
        importer.import_file(d, export(store, actor, base / "usb"))
    return base / "district"


@pytest.fixture
def synced(tmp_path, _template_db) -> Path:
    """The folder of a district holding one synced village (青山村), not served."""
    return _synced_district(tmp_path, _template_db)


@pytest.fixture
def admin_client():
    """A function giving the workbench app of a district in-process, logged in as admin."""
    import re
    import warnings

    from cunwu.district.server import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note on its httpx test client
        from starlette.testclient import TestClient

    def client_of(d):
        client = TestClient(create_app(d))
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"csrf_token": token, "name": "admin", "password": PASSWORD})
        return client
    return client_of


@contextmanager
def serving(folder: Path, base: Path, tls: tuple | None = None, **env_extra):
    """`cunwu district serve` over `folder` in its own process on a free port, logged in as
    admin (over https with tls = (certificate file, key file)); stopped afterwards."""
    import httpx

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUNWU_")}
    env.update({"CUNWU_DISTRICT_DIR": str(folder), "CUNWU_DATA_DIR": str(base / "village"),
                "CUNWU_KEY_PASSPHRASE": KEY_PASSPHRASE, "CUNWU_LANG": "zh_CN",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                "CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD, **env_extra})
    log = open(base / "server.log", "wb")
    extra = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
    proc = subprocess.Popen([sys.executable, "-m", "cunwu", "district", "serve", "--host", "127.0.0.1",
                             "--port", str(port), *extra], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:  # verify=False: this probe only waits for the port, it checks no certificate
                if httpx.get(url + "/api/v1/health", timeout=2, verify=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start: " + (base / "server.log").read_text())
            time.sleep(0.2)
        yield Served(url, folder, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory, _template_db):
    """`cunwu district serve` over a district holding one synced village (青山村, five residents)."""
    base = tmp_path_factory.mktemp("served")
    with pytest.MonkeyPatch.context() as mp:
        import keyring

        previous = _sealed_keys(mp)
        try:
            folder = _synced_district(base, _template_db)
        finally:
            keyring.set_keyring(previous)
    with serving(folder, base) as s:
        yield s


@pytest.fixture(scope="module")
def served_tls(tmp_path_factory, _template_db):
    """`cunwu district serve --tls-cert --tls-key` with a certificate made here, over 青山村
    (enrolled with no pin) and two villages enrolled by key alone: 绿水村 pinning the served
    certificate and 白云村 the one it replaced; .demo holds both fingerprints."""
    from cunwu.district.store import District
    from cunwu.sync import tls
    from district_support import enrol_key
    from tls_support import make_cert

    base = tmp_path_factory.mktemp("served-tls")
    current, key, _ = make_cert(base, "district.example", days=365)
    old, _, _ = make_cert(base, "before-renewal", days=20)
    with pytest.MonkeyPatch.context() as mp:
        import keyring

        previous = _sealed_keys(mp)
        try:
            folder = _synced_district(base, _template_db)
            with District.open(folder) as d:
                enrol_key(d, "330106001002", "绿水村", tls_sha256=tls.cert_fingerprint(current))
                enrol_key(d, "330106001003", "白云村", tls_sha256=tls.cert_fingerprint(old))
        finally:
            keyring.set_keyring(previous)
    with serving(folder, base, tls=(current, key)) as s:
        s.demo = {"current": tls.cert_fingerprint(current), "old": tls.cert_fingerprint(old)}
        yield s


@pytest.fixture(scope="module")
def served_cases(tmp_path_factory, _template_db):
    """`cunwu district serve` over a district holding 青山村 with one case escalated to the
    township."""
    base = tmp_path_factory.mktemp("served-cases")
    with pytest.MonkeyPatch.context() as mp:
        import keyring

        previous = _sealed_keys(mp)
        try:
            folder = _synced_district(base, _template_db, escalated=True)
        finally:
            keyring.set_keyring(previous)
    with serving(folder, base) as s:
        yield s


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory):
    """`cunwu district demo --villages 3` (two villages sharing a 低保 holder, one stale and
    holding a quarantined bundle, a signed notice) plus a viewer account, served; the demo's
    JSON (password, notice code) in .demo."""
    import json

    base = tmp_path_factory.mktemp("served-demo")
    (base / "village").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUNWU_")}
    env.update({"CUNWU_DISTRICT_DIR": str(base / "district"), "CUNWU_DATA_DIR": str(base / "village"),
                "CUNWU_KEY_PASSPHRASE": KEY_PASSPHRASE, "CUNWU_LANG": "zh_CN", "CUNWU_NEW_PASSWORD": PASSWORD,
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    made = subprocess.run([sys.executable, "-m", "cunwu", "district", "demo", "--json", "--villages", "3",
                           "--households", "4"], env=env, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    demo = json.loads(made.stdout)
    added = subprocess.run([sys.executable, "-m", "cunwu", "district", "users", "add", "viewer1", "--role",
                            "viewer"], env=env | {"CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD},
                           capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    with serving(base / "district", base) as s:
        s.demo = demo
        yield s
