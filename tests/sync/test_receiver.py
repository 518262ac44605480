"""The receiver against a hostile network, as a real server process on 127.0.0.1: big streamed
bodies never reach memory, slow and silent connections are timed out while /health answers,
uploads beyond the limit get 503 with Retry-After, the log does not flood, and the spool is
swept of files a killed process left. CI sizes; tests/benchmarks/bench_receiver.py has the full ones."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from district_support import (PASSPHRASE, ServerProcess, enrol_key, forge, household,
                              no_keyring_district, op_lines, response_status, stream_upload)

VILLAGE = "330106001002"
LIMITS = {"max_bytes": 8 * 1024 * 1024, "read_timeout": 1, "body_timeout": 3, "header_timeout": 1,
          "max_uploads": 16, "retry_after": 7}


@pytest.fixture
def folder(tmp_path, memory_keyring, monkeypatch):
    d = no_keyring_district(tmp_path / "district", memory_keyring, monkeypatch)
    key = enrol_key(d, VILLAGE)
    d.close()
    return tmp_path / "district", key


def test_big_streams_never_reach_memory(folder):
    path, _key = folder
    with ServerProcess(path, LIMITS) as server:
        before = server.peak_rss_mb()
        got: list = []
        threads = [threading.Thread(target=stream_upload, args=(server.port, 20 * 1024 * 1024, got)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        peak = server.peak_rss_mb()
        assert got == [413] * 8
        assert peak - before < 40 and peak < 300, (before, peak)
        assert list((path / "spool").iterdir()) == []


def test_slow_and_silent_connections_do_not_stop_health(folder):
    path, _key = folder
    with ServerProcess(path, LIMITS) as server:
        dribblers, silent = [], []
        for _ in range(100):
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(b"POST /api/v1/bundles HTTP/1.1\r\nHost: d\r\nContent-Length: 1000000\r\n\r\n")
            dribblers.append(s)
            silent.append(socket.create_connection(("127.0.0.1", server.port)))
        waits = []
        end = time.monotonic() + 4
        while time.monotonic() < end:  # a byte every half second on every upload, /health between
            for s in dribblers:
                try:
                    s.send(b"x")
                except OSError:
                    pass
            t0 = time.monotonic()
            assert httpx.get(server.url + "/api/v1/health", timeout=5).status_code == 200
            waits.append(time.monotonic() - t0)
            time.sleep(0.5)
        assert max(waits) <= 1.0, waits
        statuses = [response_status(s) for s in dribblers]
        assert statuses.count(408) == LIMITS["max_uploads"]  # the whole-body deadline
        assert statuses.count(503) == 100 - LIMITS["max_uploads"]  # told at once to come back
        assert all(response_status(s) is None for s in silent)  # closed: no request within the deadline
        for s in dribblers + silent:
            s.close()
        r = httpx.post(server.url + "/api/v1/bundles", content=b"x")  # the slots are free again
        assert r.status_code == 422 and r.json()["code"] == "E_BUNDLE_FORMAT"
        log = server.log_text()
    assert "Traceback" not in log and len(log) < 4000, log[:2000]


def test_busy_answer_says_when_to_come_back(folder):
    path, _key = folder
    with ServerProcess(path, LIMITS | {"max_uploads": 1}) as server:
        hold = socket.create_connection(("127.0.0.1", server.port))
        hold.sendall(b"POST /api/v1/bundles HTTP/1.1\r\nHost: d\r\nContent-Length: 10\r\n\r\nx")
        time.sleep(0.3)
        r = httpx.post(server.url + "/api/v1/bundles", content=b"x")
        assert r.status_code == 503 and r.headers["retry-after"] == "7"
        assert r.json()["code"] == "E_UPLOAD_BUSY"
        hold.close()


def test_a_real_bundle_goes_through_the_limits(folder, memory_keyring, monkeypatch):
    from cunwu.district.store import District

    path, key = folder
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", PASSPHRASE)
    with District.open(path) as d:
        rows = [household(i) for i in range(50)]
        data = forge(d, *key, VILLAGE, op_lines([("households", r["uuid"], "upsert", 1, r) for r in rows]))
    stale = path / "spool" / "999999999-leftover.cwb"  # a pid that cannot exist: its owner is gone
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"partial")
    with ServerProcess(path, LIMITS) as server:
        assert not stale.exists()  # swept at start
        r = httpx.post(server.url + "/api/v1/bundles", content=data, timeout=30)
        assert r.status_code == 200 and r.headers["x-cunwu-status"] == "applied", r.text
        again = httpx.post(server.url + "/api/v1/bundles", content=data, timeout=30)
        assert again.headers["x-cunwu-status"] == "already"
    assert list((path / "spool").iterdir()) == []


KILLER = """
import os, sys
from pathlib import Path
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())
from cunwu import faults
from cunwu.district import importer, spool
from cunwu.district.store import District

def hook(name):
    if name == "import.applied":
        os._exit(9)

faults.hook = hook
d = District.open(Path(sys.argv[1]))
spooled = spool.new_path(d.spool)  # as the receiver streams an upload
spooled.write_bytes(Path(sys.argv[2]).read_bytes())
importer.import_spooled(d, spooled)
"""


def test_a_spool_file_left_by_a_killed_import_is_swept(folder, tmp_path, monkeypatch):
    from cunwu.district import importer
    from cunwu.district.store import District

    path, key = folder
    monkeypatch.setenv("CUNWU_KEY_PASSPHRASE", PASSPHRASE)
    with District.open(path) as d:
        rows = [household(i) for i in range(20)]
        data = forge(d, *key, VILLAGE, op_lines([("households", r["uuid"], "upsert", 1, r) for r in rows]))
    bundle_file = tmp_path / "b.cwb"
    bundle_file.write_bytes(data)
    p = subprocess.run([sys.executable, "-c", KILLER, str(path), str(bundle_file)], capture_output=True,
                       text=True, timeout=120, env=os.environ | {"CUNWU_KEY_PASSPHRASE": PASSPHRASE})
    assert p.returncode == 9, p.stderr
    assert len(list((path / "spool").iterdir())) == 1  # what the kill left behind
    with District.open(path) as d:
        assert importer.import_file(d, bundle_file).status == "applied"
    assert list((path / "spool").iterdir()) == []


def test_errors_are_logged_once_per_cause():
    import logging

    from cunwu.district.logs import OncePerCause

    now = [0.0]
    f = OncePerCause(period=60, clock=lambda: now[0])

    def record(msg, exc=OSError):
        r = logging.LogRecord("asyncio", logging.ERROR, "", 0, msg, (), (exc, exc(), None))
        return f.filter(r), r

    assert record("socket.accept() out of system resource\nsocket: <fd=1>")[0]
    assert not any(record(f"socket.accept() out of system resource\nsocket: <fd={i}>")[0] for i in range(500))
    assert record("another cause")[0]
    now[0] = 61
    passed, r = record("socket.accept() out of system resource\nsocket: <fd=9>")
    assert passed and "500 more like this" in r.msg


def test_limits_come_from_district_json_and_the_command_line(district):
    import json

    from cunwu.district.server import Limits

    assert Limits.of(district).max_bytes == 64 * 1024 * 1024  # the default
    district.config["receiver"] = json.loads('{"max_bytes": 1048576, "read_timeout": "5", "unknown": 1}')
    got = Limits.of(district, max_uploads=3, body_timeout=None)
    assert (got.max_bytes, got.read_timeout, got.max_uploads, got.body_timeout) == (1048576, 5.0, 3, 300.0)
