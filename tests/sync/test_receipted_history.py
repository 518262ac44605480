"""History cut short behind a receipt: the district signed how far the village's change log
reached, so the data integrity check finds entries removed after that (issue 14)."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing

from cunwu.district import importer
from cunwu.services import sync
from cunwu.services.audit import check
from cunwu.store.canonical import log_entry_text
from sync_support import add_households, export


def _receipted(store, admin, district, tmp_path, writes: int = 25) -> None:
    for i in range(writes):  # one change-log and one audit entry each
        add_households(store, admin, 1, start=i)
    outcome = importer.import_file(district, export(store, admin, tmp_path / "usb"))
    sync.import_receipt(store, admin, outcome.receipt)


def _failing(store) -> dict:
    return {c["code"]: c for c in check(store)["checks"] if not c["ok"]}


def test_a_receipted_history_checks_whole(enrolled, admin, district, tmp_path):
    _receipted(enrolled, admin, district, tmp_path)
    add_households(enrolled, admin, 2)  # changes after the receipt are fine
    assert check(enrolled)["ok"]


def test_the_last_20_entries_removed_behind_a_receipt_are_found(enrolled, admin, district, tmp_path):
    _receipted(enrolled, admin, district, tmp_path)
    with closing(sqlite3.connect(enrolled.paths.db)) as conn:
        # The attack: drop the append-only triggers, cut both tails, put the triggers back.
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                             "AND tbl_name IN ('change_log', 'audit_log')").fetchall()
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        top = conn.execute("SELECT max(log_seq) FROM change_log").fetchone()[0]
        conn.execute("DELETE FROM change_log WHERE log_seq > ?", (top - 20,))
        top_audit = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (top_audit - 20,))
        for _, sql in saved:
            conn.execute(sql)
        conn.commit()
    failing = _failing(enrolled)
    assert {"E_LOG_TRUNCATED", "E_AUDIT_TRUNCATED"} <= set(failing)
    assert "E_CHANGELOG_BROKEN" not in failing and "E_AUDIT_BROKEN" not in failing  # chains whole
    assert f"up to entry {top}" in failing["E_LOG_TRUNCATED"]["first_failure"]
    assert f"ends at entry {top - 20}" in failing["E_LOG_TRUNCATED"]["first_failure"]


def test_a_history_rewritten_behind_a_receipt_is_found(enrolled, admin, district, tmp_path):
    """Rows removed with their log entries, the rest re-chained: still not the receipted head."""
    _receipted(enrolled, admin, district, tmp_path)
    with closing(sqlite3.connect(enrolled.paths.db)) as conn:
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                             "AND tbl_name = 'change_log'").fetchall()
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE change_log SET row = replace(row, '村0号', '村9号') WHERE entity = 'households'")
        prev = bytes(32)
        for seq, entity, uuid, op, version, row in conn.execute(
                "SELECT log_seq, entity, uuid, op, row_version, row FROM change_log ORDER BY log_seq").fetchall():
            prev = hashlib.sha256(prev + log_entry_text(seq, entity, uuid, op, version, row)
                                  .encode()).digest()
            conn.execute("UPDATE change_log SET chain = ? WHERE log_seq = ?", (prev.hex(), seq))
        for _, sql in saved:
            conn.execute(sql)
        conn.commit()
    failing = _failing(enrolled)
    assert "E_CHANGELOG_BROKEN" not in failing  # re-chained by the attacker
    assert "E_LOG_TRUNCATED" in failing
