"""The helper process that opens bundles while the importing process writes (importer.Helper),
as `district serve` and `district import` of several files use it, in real child processes:
uploads that arrive together are opened by the server's helper, uploads go on being imported
once it has died, and the helper ends with whatever forked it, a kill -9 too (it holds the
district's keys)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

from district_support import (PASSPHRASE, SERVER, ServerProcess, enrol_key, forge, household,
                              no_keyring_district, op_lines, running)

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VILLAGES = [f"330106{n:03d}001" for n in range(1, 7)]
# The server notes which process opened each upload; opened by the server itself, an upload
# takes half a second more, so that the ones sent beside it are sure to find it importing.
TRACED = SERVER.replace("d = District.open", """import os, time
from cunwu.district import importer
real_prepared = importer._prepared
def traced(d, data):
    with open(os.environ["OPENED_BY"], "a") as out:
        out.write(f"{os.getpid()}\\n")
    if os.getpid() == SERVER_PID:
        time.sleep(0.5)
    return real_prepared(d, data)
importer._prepared = traced
SERVER_PID = os.getpid()
d = District.open""")


@pytest.fixture
def folder(tmp_path, memory_keyring, monkeypatch):
    """A district (keys in sealed files) and a bundle from each of six villages."""
    d = no_keyring_district(tmp_path / "district", memory_keyring, monkeypatch)
    files = []
    for village in VILLAGES:
        rows = [household(i) for i in range(200)]
        files.append(tmp_path / f"{village}.cwb")
        files[-1].write_bytes(forge(d, *enrol_key(d, village), village,
                                    op_lines([("households", r["uuid"], "upsert", 1, r) for r in rows])))
    d.close()
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", PASSPHRASE)
    return tmp_path / "district", files


def _push_together(server, files) -> list[str]:
    got = []

    def push(path):
        r = httpx.post(server.url + "/api/v1/bundles", content=path.read_bytes(), timeout=60)
        got.append(r.headers.get("x-cunwu-status") or r.text)

    threads = [threading.Thread(target=push, args=(path,)) for path in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got


def _wait_ended(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not running(pid)


def test_uploads_together_are_opened_by_the_helper_and_go_on_without_it(folder, tmp_path, monkeypatch):
    from cunwu.district.store import District

    path, files = folder
    opened_by = tmp_path / "opened-by"
    monkeypatch.setenv("OPENED_BY", str(opened_by))
    with ServerProcess(path, script=TRACED) as server:
        helper = server.helper()
        assert _push_together(server, files[:3]) == ["applied"] * 3
        by = [int(pid) for pid in opened_by.read_text().split()]
        assert sorted(set(by)) == sorted({server.proc.pid, helper}) and len(by) == 3
        os.kill(helper, signal.SIGKILL)  # the helper dies: the server takes the uploads itself
        assert _wait_ended(helper)
        opened_by.unlink()
        assert _push_together(server, files[3:]) == ["applied"] * 3
        assert [int(pid) for pid in opened_by.read_text().split()] == [server.proc.pid] * 3
    with District.open(path) as d:
        import sqlalchemy as sa

        with d.reader.connect() as conn:
            held = dict(conn.execute(sa.text("SELECT village, count(*) FROM records GROUP BY village")).all())
    assert held == {village: 200 for village in VILLAGES}


def test_a_server_killed_outright_leaves_no_helper_behind(folder):
    path, files = folder
    with ServerProcess(path) as server:
        helper = server.helper()
        assert _push_together(server, files[:2]) == ["applied"] * 2
        server.proc.kill()
        assert _wait_ended(helper)


FOLDER_KILLER = """
import os, sys
from pathlib import Path
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())
from cunwu import faults
from cunwu.district import importer
from cunwu.district.store import District

def hook(name):  # the first file applied, the helper at work on the second: killed outright
    if name == "import.applied":
        sys.path.insert(0, sys.argv[3])
        from district_support import children
        Path(sys.argv[2]).write_text(" ".join(map(str, children(os.getpid()))))
        os.kill(os.getpid(), 9)

faults.hook = hook
d = District.open(Path(sys.argv[1]))
list(importer.import_files(d, [Path(p) for p in sys.argv[4:]], ahead=True))
"""


def test_a_folder_import_killed_outright_leaves_no_helper_behind(folder, tmp_path):
    """`district import` of several files killed with SIGKILL: its helper process ends too
    instead of waiting for work forever."""
    path, files = folder
    pids, errors = tmp_path / "children", tmp_path / "stderr"
    with open(errors, "wb") as err:  # not a pipe: a helper left behind would hold it open
        p = subprocess.run([sys.executable, "-c", FOLDER_KILLER, str(path), str(pids), TESTS, *map(str, files)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, timeout=120,
                           env=os.environ | {"CUNWU_KEY_PASSPHRASE": PASSPHRASE})
    assert p.returncode == -9, errors.read_text()
    [helper] = map(int, pids.read_text().split())
    try:
        assert _wait_ended(helper)
    finally:
        if running(helper):
            os.kill(helper, signal.SIGKILL)
