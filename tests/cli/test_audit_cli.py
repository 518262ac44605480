"""`cunwu audit verify`: every check reported, each failure in plain words, exit 1."""

from __future__ import annotations

import sqlite3
from contextlib import closing


def test_verify_passes_and_lists_every_check(store, cli):
    r = cli("audit", "verify", "--json")
    assert r.code == 0 and r.json["ok"] is True
    assert {c["code"] for c in r.json["checks"]} >= {
        "E_AUDIT_BROKEN", "E_CHANGELOG_BROKEN", "E_ROW_MISMATCH", "E_ROW_UNLOGGED", "E_TOTALS",
        "E_TRIGGERS", "E_LOG_TRUNCATED", "E_AUDIT_TRUNCATED"}
    r = cli("audit", "verify")
    assert r.code == 0 and "intact" in r.out and r.err == ""


def test_verify_names_each_failure_and_exits_1(store, cli):
    with closing(sqlite3.connect(store.paths.db)) as conn:
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                             "AND tbl_name = 'village'").fetchall()
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE village SET name = '假村'")
        for _, sql in saved[1:]:  # one guard left out
            conn.execute(sql)
        conn.commit()
    r = cli("audit", "verify", "--json")
    assert r.code == 1 and r.json["ok"] is False
    failing = {c["code"]: c["first_failure"] for c in r.json["checks"] if not c["ok"]}
    assert set(failing) == {"E_ROW_MISMATCH", "E_TRIGGERS"}
    assert "假村" in failing["E_ROW_MISMATCH"] and saved[0][0] in failing["E_TRIGGERS"]
    r = cli("audit", "verify")
    assert r.code == 1 and "2 problem(s)" in r.out
    lines = r.err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["E_ROW_MISMATCH", "E_TRIGGERS"]
    assert "Traceback" not in r.err
