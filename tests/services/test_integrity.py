"""The attacks of issue 14, done as someone at the office PC would (sqlite3 on the data
folder): a forged balance cannot be spent, and the data integrity check finds each one."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from cunwu.errors import CunwuError
from cunwu.services import points_ledger, points_settings, points_shop
from cunwu.services.audit import check, verify
from points_support import people, run_to_ledger


def _sqlite3(store, *statements, params=()) -> None:
    with closing(sqlite3.connect(store.paths.db)) as conn:
        for sql in statements:
            conn.execute(sql, params if "?" in sql else ())
        conn.commit()


def _behind_the_triggers(store, table: str, *statements, params=()) -> None:
    """Drop the table's triggers, change it, put the very same triggers back."""
    with closing(sqlite3.connect(store.paths.db)) as conn:
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                             "AND tbl_name = ?", (table,)).fetchall()
    assert saved
    _sqlite3(store, *[f"DROP TRIGGER {name}" for name, _ in saved], *statements,
             *[sql for _, sql in saved], params=params)


def _failing(store) -> dict:
    return {c["code"]: c for c in check(store)["checks"] if not c["ok"]}


def test_an_untouched_store_passes_every_check(store, clerk, admin, monkeypatch):
    folks = people(store, admin, 4)
    run_to_ledger(store, clerk, admin, monkeypatch,
                  participants=[{"person": p, "quantity": 2} for p in folks])
    result = check(store)
    assert result["ok"] and all(c["ok"] and c["first_failure"] == "" for c in result["checks"])
    assert [c["code"] for c in result["checks"]] == [
        "E_AUDIT_BROKEN", "E_CHANGELOG_BROKEN", "E_ROW_MISMATCH", "E_ROW_UNLOGGED", "E_TOTALS",
        "E_TRIGGERS", "E_LOG_TRUNCATED", "E_AUDIT_TRUNCATED"]
    assert verify(store)["ok"]


def test_a_forged_balance_cannot_be_spent_and_is_found(store, clerk, admin, monkeypatch):
    folks = people(store, admin, 4)
    run_to_ledger(store, clerk, admin, monkeypatch,
                  participants=[{"person": p, "quantity": 2} for p in folks])
    points_shop.add_goods(store, admin, name="食用油", price=60, stock=50)
    household = points_settings.settings(store).scope == "household"
    real = points_ledger.balance(store, folks[0])  # per person: 10
    # The attack: a huge balance written straight into the kept balances (no guard there).
    _sqlite3(store, "UPDATE points_balances SET balance = 100000")

    def state():
        with closing(sqlite3.connect(store.paths.db)) as conn:
            return [conn.execute(sql).fetchall() for sql in (
                "SELECT stock FROM points_goods", "SELECT count(*) FROM points_redemptions",
                "SELECT count(*), sum(points) FROM points_ledger", "SELECT max(seq) FROM audit_log")]

    before = state()
    with pytest.raises(CunwuError) as e:
        points_shop.redeem(store, clerk, folks[0], [("食用油", 20)])
    assert e.value.code == "E_POINTS_BALANCE"
    assert e.value.params == {"balance": 20 if household else real, "needed": 1200}
    assert state() == before  # nothing changed: no redemption, no entry, stock as it was
    assert points_ledger.balance(store, folks[0]) == real  # the ledger's figure, not the forged one

    failing = _failing(store)
    assert set(failing) == {"E_TOTALS"}
    assert "100000" in failing["E_TOTALS"]["first_failure"]
    with pytest.raises(CunwuError) as e:
        verify(store)
    assert e.value.code == "E_TOTALS"


def test_a_resident_changed_behind_dropped_triggers_is_found(store, admin):
    folks = people(store, admin, 2)
    _behind_the_triggers(store, "persons",
                         "UPDATE persons SET name = '李假名', id_number = '330106199001011234' "
                         "WHERE uuid = ?", params=(folks[0],))
    failing = _failing(store)
    assert set(failing) == {"E_ROW_MISMATCH"}
    assert failing["E_ROW_MISMATCH"]["count"] == 1
    assert "李假名" in failing["E_ROW_MISMATCH"]["first_failure"]
    assert folks[0] in failing["E_ROW_MISMATCH"]["first_failure"]


def test_a_resident_added_or_removed_behind_dropped_triggers_is_found(store, admin):
    folks = people(store, admin, 2)
    _behind_the_triggers(store, "persons", "DELETE FROM persons WHERE uuid = ?", params=(folks[1],))
    assert set(_failing(store)) == {"E_ROW_MISMATCH"}
    _behind_the_triggers(
        store, "persons",
        "INSERT INTO persons SELECT '00000000-0000-4000-8000-000000000001', row_version, '王幽灵', "
        "NULL, sex, birth_date, ethnicity, phone, household_uuid, relation, status, status_since, "
        "party_member, notes, created_at, created_by FROM persons WHERE uuid = ?", params=(folks[0],))
    failing = _failing(store)
    assert set(failing) == {"E_ROW_MISMATCH", "E_ROW_UNLOGGED"}
    assert "王幽灵" in failing["E_ROW_UNLOGGED"]["first_failure"]


@pytest.mark.parametrize("sql, why", [
    ("DROP TRIGGER persons__log_update", "persons__log_update (missing)"),
    ("DROP TRIGGER points_ledger__append_only_delete", "points_ledger__append_only_delete (missing)"),
    ("DROP TRIGGER change_log__append_only_delete", "change_log__append_only_delete (missing)"),
])
def test_a_missing_guard_trigger_is_found(store, sql, why):
    _sqlite3(store, sql)
    failing = _failing(store)
    assert set(failing) == {"E_TRIGGERS"}
    assert why in failing["E_TRIGGERS"]["first_failure"]


def test_a_weakened_or_added_trigger_is_found(store):
    _sqlite3(store, "DROP TRIGGER village__log_update",
             "CREATE TRIGGER village__log_update AFTER UPDATE ON village WHEN 0 "
             "BEGIN SELECT RAISE(ABORT, 'E_STORE_UNLOGGED_WRITE village'); END",
             "CREATE TRIGGER sneaky AFTER INSERT ON audit_log BEGIN SELECT 1; END")
    failing = _failing(store)
    assert set(failing) == {"E_TRIGGERS"} and failing["E_TRIGGERS"]["count"] == 2
    assert "village__log_update (changed)" in failing["E_TRIGGERS"]["first_failure"]
