"""District workbench fixtures: keys in sealed files (so a server process can read them), a
district with accounts, and `cunwu district serve` running for real on 127.0.0.1 over a district
that holds one enrolled, synced village."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _synced_district(base: Path, template_db: Path) -> Path:
    """The fixture village (青山村, five residents) enrolled at a new district and its first
    bundle imported there."""
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
        people(store, actor, 5)
        importer.import_file(d, export(store, actor, base / "usb"))
    return base / "district"


@pytest.fixture(scope="module")
def served(tmp_path_factory, _template_db):
    """`cunwu district serve` in its own process on a free port; stopped afterwards."""
    import httpx

    base = tmp_path_factory.mktemp("served")
    with pytest.MonkeyPatch.context() as mp:
        import keyring

        previous = _sealed_keys(mp)
        try:
            folder = _synced_district(base, _template_db)
        finally:
            keyring.set_keyring(previous)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUNWU_")}
    env.update({"CUNWU_DISTRICT_DIR": str(folder), "CUNWU_DATA_DIR": str(base / "village"),
                "CUNWU_KEY_PASSPHRASE": KEY_PASSPHRASE, "CUNWU_LANG": "zh_CN",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                "CUNWU_USER": "admin", "CUNWU_PASSWORD": PASSWORD})
    log = open(base / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "cunwu", "district", "serve", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/api/v1/health", timeout=2).status_code == 200:
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
