"""A process killed in the middle of a write leaves a sound file and all or nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent("""
    import sys
    from cunwu import clock
    from cunwu.services.village import admin_actor
    from cunwu.store import Store
    from cunwu.store.tables import Village

    store = Store.open(sys.argv[1])
    admin = admin_actor(store, "admin")
    with store.write(admin, "test.many") as uow:
        for i in range(100000):
            uow.add(Village(code="330106001001", name=f"v{i}", district_code="330106",
                            created_at=clock.now_utc()))
            if i == 50:
                print("inside", flush=True)
    print("committed", flush=True)
""")


@pytest.mark.slow
def test_kill_during_a_write(store):
    store.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store.paths.data_dir)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "inside"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with sqlite3.connect(store.paths.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM village").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action='test.many'").fetchone()[0] == 0
    from cunwu.services.audit import verify
    from cunwu.store import Store

    with Store.open(store.paths.data_dir) as s:
        verify(s)


def test_a_completed_write_is_all_there(store):
    store.close()
    small = CHILD.replace("range(100000)", "range(60)")
    out = subprocess.run([sys.executable, "-c", small, str(store.paths.data_dir)],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["inside", "committed"]
    with sqlite3.connect(store.paths.db) as conn:
        assert conn.execute("SELECT count(*) FROM village").fetchone()[0] == 61
