"""The change log: every write goes through it, in order, hash-chained (SYNC.md)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlmodel import select

from cunwu import clock
from cunwu.errors import CunwuError
from cunwu.store.canonical import GENESIS, canonical_json, chain_next
from cunwu.store.models import all_models, synced_models
from cunwu.store.tables import Village
from cunwu.store.verify import first_broken_log, rows_not_matching_log



def _raw(store) -> sqlite3.Connection:
    return sqlite3.connect(store.paths.db)


def _new_village(uow, code="330106001002"):
    return uow.add(Village(code=code, name="新村", district_code="330106", created_at=clock.now_utc()))


def test_canonical_json_is_nfc_sorted_and_compact():
    decomposed = "e\u0301"  # é as two code points
    assert canonical_json({"b": 1, "a": [decomposed, None]}) == '{"a":["é",null],"b":1}'.encode()


def test_writes_append_chained_entries(store, admin):
    with store.write(admin, "test.add") as uow:
        v = _new_village(uow)
    with store.write(admin, "test.rename") as uow:
        v = uow.session.get(Village, v.uuid)
        v.name = "新村二组"
        uow.save(v)
    with _raw(store) as conn:
        rows = conn.execute("SELECT log_seq, entity, uuid, op, row_version, row, chain "
                            "FROM change_log ORDER BY log_seq").fetchall()
    prev = GENESIS
    for seq, entity, uuid, op, version, row, chain in rows:
        entry = {"log_seq": seq, "entity": entity, "uuid": uuid, "op": op,
                 "row_version": version, "row": json.loads(row)}
        prev = chain_next(prev, entry)
        assert prev.hex() == chain
    mine = [r for r in rows if r[2] == v.uuid]
    assert [(r[3], r[4]) for r in mine] == [("upsert", 1), ("upsert", 2)]
    assert json.loads(mine[-1][5])["name"] == "新村二组"
    with store.read() as s:
        assert first_broken_log(s) is None
        assert rows_not_matching_log(s, synced_models()) == []


@pytest.mark.parametrize("sql", [
    "INSERT INTO village (uuid, row_version, code, name, district_code, created_at) "
    "VALUES ('x', 1, '330106001009', 'x', '330106', '2026-01-01')",
    "UPDATE village SET name = 'changed'",
    "UPDATE village SET name = 'changed', row_version = row_version + 1",
    "DELETE FROM village",
])
def test_raw_sql_cannot_bypass_the_log(store, sql):
    with _raw(store) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="E_STORE_UNLOGGED_WRITE"):
            conn.execute(sql)
    assert store.village().name == "青山村"


def test_orm_change_without_save_is_refused_and_rolled_back(store, admin):
    with pytest.raises(CunwuError) as err:
        with store.write(admin, "test.sneaky") as uow:
            v = uow.session.exec(select(Village)).one()
            v.name = "偷改"
            uow.session.flush()
    assert err.value.code == "E_STORE_UNLOGGED_WRITE"
    assert store.village().name == "青山村"


def test_failed_unit_of_work_leaves_nothing(store, admin):
    with store.read() as s:
        before = s.execute(select(Village)).all()
    with pytest.raises(RuntimeError):
        with store.write(admin, "test.fail") as uow:
            _new_village(uow)
            raise RuntimeError("boom")
    with store.read() as s:
        assert s.execute(select(Village)).all() == before
        assert first_broken_log(s) is None
    with _raw(store) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action='test.fail'").fetchone()[0] == 0


def test_delete_travels_as_tombstone(store, admin):
    with store.write(admin, "test.add") as uow:
        v = _new_village(uow)
    with store.write(admin, "test.delete") as uow:
        uow.delete(uow.session.get(Village, v.uuid))
    with _raw(store) as conn:
        last = conn.execute("SELECT op, row_version, row FROM change_log WHERE uuid=? "
                            "ORDER BY log_seq DESC LIMIT 1", (v.uuid,)).fetchone()
    assert last == ("delete", 2, "null")
    with store.read() as s:
        assert rows_not_matching_log(s, synced_models()) == []


@pytest.mark.parametrize("table", ["change_log", "audit_log"])
def test_log_and_audit_are_append_only(store, table):
    with _raw(store) as conn:
        for sql in (f"UPDATE {table} SET actor = actor" if table == "audit_log"
                    else f"UPDATE {table} SET op = op", f"DELETE FROM {table}"):
            with pytest.raises(sqlite3.IntegrityError, match="E_STORE_APPEND_ONLY"):
                conn.execute(sql)


def test_every_table_is_guarded_or_declared_local(store):
    """The check over every table: a new synced table without its triggers fails here."""
    with _raw(store) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        virtual = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    from cunwu.store import guards
    from cunwu.store.models import SIDE_TABLES

    synced = {m.__tablename__ for m in synced_models()}
    models = {m.__tablename__ for m in all_models()}
    assert synced, "no synced tables found"
    for table in synced:
        assert table in tables, f"{table} missing from the database"
        assert guards.trigger_names(table) <= triggers, f"{table} lacks its change-log guard"
    for table in tables - models:
        # Full-text indexes keep shadow tables named after the virtual table.
        if any(table == v or table.startswith(v + "_") for v in virtual):
            continue
        assert table in SIDE_TABLES, f"{table} is neither a model nor a declared side table"
    for table in guards.APPEND_ONLY:
        assert {f"{table}__append_only_update", f"{table}__append_only_delete"} <= triggers
