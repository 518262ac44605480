"""Every ID number lives in these files: on POSIX the data folder is 0700 and the database,
backups, logs and keys 0600, the district's alike; an older installation is tightened when it
opens. (On Windows the user profile's ACL does this; nothing is changed there.)"""

from __future__ import annotations

import os
import stat

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def sealed_keys(monkeypatch):
    """No keyring: keys go to passphrase-sealed files, whose modes are checked too."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", "correct horse battery")
    yield
    keyring.set_keyring(previous)


def test_a_new_village_is_owner_only(tmp_path, cli, sealed_keys):
    from cunwu.services import sync
    from cunwu.services.village import admin_actor
    from cunwu.store import Store

    folder = tmp_path / "new"
    r = cli("init", "--village-code", "330106001001", "--village-name", "青山村",
            "--district-code", "330106", data_dir_override=folder,
            env={"CUNWU_ADMIN_PASSWORD": "village-pass-1"})
    assert r.code == 0, r.err
    assert cli("backup", user="admin", data_dir_override=folder).code == 0
    with Store.open(folder) as store:
        sync.ensure_key(store, admin_actor(store, "admin"))
    assert mode(folder) == 0o700
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != ".window.lock"]
    assert {p.parent.name for p in files} >= {"new", "backups", "logs", "keys"}
    assert {p.name for p in files} >= {"cunwu.sqlite3", "cunwu.log"}
    for p in files:
        assert mode(p) == 0o600, p
    for d in (p for p in folder.rglob("*") if p.is_dir()):
        assert mode(d) == 0o700, d


def test_an_older_installation_is_tightened_when_it_opens(store, data_dir):
    from cunwu.store import Store

    store.close()
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "cunwu.sqlite3", 0o644)
    with Store.open(data_dir) as again:
        with again.read():
            pass
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "cunwu.sqlite3") == 0o600
    for suffix in ("-wal", "-shm"):
        wal = data_dir / f"cunwu.sqlite3{suffix}"
        if wal.exists():
            assert mode(wal) == 0o600


def test_a_district_folder_is_owner_only(tmp_path, sealed_keys):
    from cunwu.district.store import District

    folder = tmp_path / "district"
    District.create(folder, "330106", "西湖区民政").close()
    assert mode(folder) == 0o700 and mode(folder / "keys") == 0o700
    keys = list((folder / "keys").iterdir())
    assert len(keys) == 2 and all(mode(k) == 0o600 for k in keys)
    assert mode(folder / "district.sqlite3") == 0o600
    os.chmod(folder, 0o755)
    os.chmod(folder / "district.sqlite3", 0o644)
    District.open(folder).close()
    assert mode(folder) == 0o700 and mode(folder / "district.sqlite3") == 0o600
