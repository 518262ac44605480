"""The audit trail: every write leaves who/when/what, and tampering is found."""

from __future__ import annotations

import json
import sqlite3

import pytest

from cunwu.errors import CunwuError
from cunwu.services.accounts import add_user
from cunwu.services.audit import list_entries, verify
from support import PASSWORD


def _tamper(store, sql):
    with sqlite3.connect(store.paths.db) as conn:
        # What someone with the sqlite3 shell could do: drop the guard, edit.
        conn.execute("DROP TRIGGER audit_log__append_only_update")
        conn.execute("DROP TRIGGER audit_log__append_only_delete")
        conn.execute("DROP TRIGGER change_log__append_only_update")
        conn.execute(sql)


def test_write_records_who_what_when(store, admin):
    add_user(store, admin, "kuaiji", "clerk", PASSWORD)
    entry = list_entries(store, limit=1)[0]
    assert entry["actor"] == "admin" and entry["action"] == "users.add"
    assert entry["target"].startswith("users:")
    assert entry["detail"] == {"username": "kuaiji", "role": "clerk"}
    assert entry["at"] and entry["today"]


def test_verify_passes_on_an_untouched_store(store):
    result = verify(store)
    assert result["audit_entries"] >= 3


def test_verify_names_the_first_edited_entry(store):
    _tamper(store, "UPDATE audit_log SET actor = 'someone' WHERE seq = 2")
    with pytest.raises(CunwuError) as err:
        verify(store)
    assert err.value.code == "E_AUDIT_BROKEN"
    assert err.value.params["seq"] == 2


def test_verify_finds_a_removed_entry(store):
    _tamper(store, "DELETE FROM audit_log WHERE seq = 2")
    with pytest.raises(CunwuError) as err:
        verify(store)
    assert err.value.params["seq"] == 2


def test_verify_finds_an_edited_change_log(store):
    with sqlite3.connect(store.paths.db) as conn:
        row = json.loads(conn.execute("SELECT row FROM change_log WHERE log_seq=1").fetchone()[0])
    row["name"] = "假村"
    _tamper(store, f"UPDATE change_log SET row = '{json.dumps(row, ensure_ascii=False)}' WHERE log_seq = 1")
    with pytest.raises(CunwuError) as err:
        verify(store)
    assert err.value.code == "E_CHANGELOG_BROKEN"
    assert err.value.params["seq"] == 1
