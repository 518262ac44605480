"""Failures at every write of an export and of an import, full and pulled sticks, a killed
importer: never a partial file, never a half-applied bundle, and a retry succeeds."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cunwu.district import importer
from cunwu.errors import CunwuError
from cunwu import faults
from sync_support import add_households, district_counts, district_rows, export, village_rows


class Boom(Exception):
    pass


def _points(run) -> list[str]:
    seen = []
    faults.hook = seen.append
    try:
        run()
    finally:
        faults.hook = None
    return seen


def _fail_at(n):
    count = [0]

    def hook(name):
        count[0] += 1
        if count[0] == n:
            raise Boom(name)
    return hook


def _bundles(store) -> int:
    from sqlalchemy import text

    with store.read() as s:
        return s.execute(text("SELECT count(*) FROM sync_bundles")).scalar()


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_failure_at_every_write_of_an_export(enrolled, admin, tmp_path, monkeypatch):
    from cunwu import files

    monkeypatch.setattr(files, "CHUNK", 4096)  # several writes per file
    add_households(enrolled, admin, 200)
    points = _points(lambda: export(enrolled, admin, tmp_path / "probe"))
    assert {"file.write", "file.fsync", "file.rename", "file.fsync_dir", "export.commit"} <= set(points)
    assert points.count("file.write") > 1
    usb = tmp_path / "usb"
    usb.mkdir()
    for n in range(1, len(points) + 1):
        faults.hook = _fail_at(n)
        try:
            with pytest.raises(Boom):
                export(enrolled, admin, usb)
        finally:
            faults.hook = None
        assert list(usb.iterdir()) == [], points[n - 1]
        assert _bundles(enrolled) == 1, points[n - 1]  # only the probe's
        assert _integrity(enrolled.paths.db) == "ok"
    path = export(enrolled, admin, usb)
    assert [p.name for p in usb.iterdir()] == [path.name]


def test_a_failure_at_every_write_of_an_import(enrolled, admin, district, tmp_path):
    add_households(enrolled, admin, 30)
    path = export(enrolled, admin, tmp_path / "usb")
    points = ["import.begin", "import.checked", "import.applied", "import.recorded", "import.commit"]
    for n in range(1, len(points) + 1):
        faults.hook = _fail_at(n)
        try:
            with pytest.raises(Boom):
                importer.import_file(district, path)
        finally:
            faults.hook = None
        assert district_counts(district) == {"records": 0, "bundles": 0, "quarantine": 0,
                                             "villages": 1, "village_keys": 1}
        assert not any(district.spool.glob("*"))  # nothing left behind
    assert importer.import_file(district, path).status == "applied"
    assert district_rows(district, "330106001001") == village_rows(enrolled)


def test_a_full_stick(enrolled, admin, tmp_path, monkeypatch):
    from cunwu import files

    add_households(enrolled, admin, 100)
    monkeypatch.setattr(files, "CHUNK", 1024)
    real_write, calls = os.write, [0]

    def write(fd, data):
        calls[0] += 1
        if calls[0] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(files.os, "write", write)
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(CunwuError) as e:
        export(enrolled, admin, usb)
    assert e.value.code == "E_EXPORT_WRITE" and "space" in e.value.message
    assert list(usb.iterdir()) == [] and _bundles(enrolled) == 0
    monkeypatch.setattr(files.os, "write", real_write)
    export(enrolled, admin, usb)
    assert _bundles(enrolled) == 1


def test_a_stick_pulled_out_mid_write(enrolled, admin, tmp_path, monkeypatch):
    from cunwu import files

    add_households(enrolled, admin, 20)
    usb = tmp_path / "usb"
    usb.mkdir()

    def gone(*_a, **_k):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", gone)
    monkeypatch.setattr(files.Path, "unlink", gone)  # the temp file cannot even be removed
    with pytest.raises(CunwuError) as e:
        export(enrolled, admin, usb)
    assert e.value.code == "E_EXPORT_WRITE"
    assert not any(p.suffix == ".cwb" for p in usb.iterdir())  # never under the final name
    assert _bundles(enrolled) == 0
    monkeypatch.undo()
    export(enrolled, admin, tmp_path / "another")
    assert _bundles(enrolled) == 1


KILLER = """
import os, sys
from pathlib import Path
from cunwu.district.store import District
from cunwu.district import importer
from cunwu import faults
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())

def hook(name):
    if name == sys.argv[3]:
        os._exit(9)  # as sudden as a power cut: no cleanup, no rollback by Python

faults.hook = hook
importer.import_file(District.open(Path(sys.argv[1])), Path(sys.argv[2]))
"""


@pytest.mark.parametrize("where", ["import.applied", "import.commit"])
def test_a_process_killed_mid_import(enrolled, admin, tmp_path, monkeypatch, memory_keyring, where):
    import keyring
    from keyring.backends import fail

    from cunwu.district.store import District

    keyring.set_keyring(fail.Keyring())  # the child cannot see our in-memory keyring
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", "district passphrase")
    d = District.create(tmp_path / "killed", "330106", "西湖区")
    keyring.set_keyring(memory_keyring)  # the village's key stays where it is
    from cunwu.district.enrol import enrol
    from cunwu.services import sync

    sync.enrol_request(enrolled, admin, tmp_path / "req.json")
    cert, _ = enrol(d, (tmp_path / "req.json").read_bytes())
    (tmp_path / "cert.json").write_bytes(cert)
    sync.accept_district(enrolled, admin, tmp_path / "cert.json")
    add_households(enrolled, admin, 200)
    path = export(enrolled, admin, tmp_path / "usb")
    d.close()
    p = subprocess.run([sys.executable, "-c", KILLER, str(tmp_path / "killed"), str(path), where],
                       env=os.environ | {"CUNWU_KEY_PASSPHRASE": "district passphrase"},
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 9, p.stderr
    assert _integrity(tmp_path / "killed" / "district.sqlite3") == "ok"
    d = District.open(tmp_path / "killed")
    try:
        assert district_counts(d)["records"] == 0 and district_counts(d)["bundles"] == 0
        assert importer.import_file(d, path).status == "applied"
        assert district_rows(d, "330106001001") == village_rows(enrolled)
    finally:
        d.close()
