"""Opening the store: settings that keep data safe, and refusing what must not be opened."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from cunwu.errors import CunwuError
from cunwu.store import Store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_connection_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_missing_store_says_run_init(data_dir):
    with pytest.raises(CunwuError) as err:
        Store.open(data_dir)
    assert err.value.code == "E_STORE_MISSING"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zero", "header-only"])
def test_damaged_store_is_refused_and_left_alone(store, damage):
    db = store.paths.db
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [(os.urandom(500),) for _ in range(200)])
    conn.close()
    data = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        db.write_bytes(data[: len(data) // 3])
    elif damage == "zero":
        db.write_bytes(b"")
    else:
        db.write_bytes(data[:100])
    before = _digest(db)
    with pytest.raises(CunwuError) as err:
        Store.open(store.paths.data_dir)
    assert err.value.code == "E_STORE_CORRUPT"
    assert str(store.paths.backups) in err.value.message
    assert _digest(db) == before


def test_page_damage_inside_file_is_found(store):
    db = store.paths.db
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page * 2, page * 3):  # scribble over a b-tree page
        data[i] = 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(CunwuError) as err:
        Store.open(store.paths.data_dir)
    assert err.value.code == "E_STORE_CORRUPT"


def test_newer_schema_is_refused(store):
    store.close()
    with sqlite3.connect(store.paths.db) as conn:
        # One head becomes unknown (a store may hold several: one per subject's branch).
        conn.execute("UPDATE alembic_version SET version_num = '9999' "
                     "WHERE rowid = (SELECT min(rowid) FROM alembic_version)")
    conn.close()
    with pytest.raises(CunwuError) as err:
        Store.open(store.paths.data_dir)
    assert err.value.code == "E_STORE_TOO_NEW"
    assert "9999" in err.value.message


def test_data_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    from cunwu.services.village import init_village

    with pytest.raises(CunwuError) as err:
        init_village(blocker / "data", code="330106001001", name="村", district_code="330106",
                     admin="admin", password="long-enough-1")
    assert err.value.code == "E_DATA_DIR_NOT_WRITABLE"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(store):
    folder = store.paths.data_dir
    store.close()
    folder.chmod(0o500)
    try:
        with pytest.raises(CunwuError) as err:
            Store.open(folder)
        assert err.value.code == "E_DATA_DIR_NOT_WRITABLE"
    finally:
        folder.chmod(0o700)


def test_init_refuses_existing_store(store):
    from cunwu.services.village import init_village

    before = _digest(store.paths.db)
    with pytest.raises(CunwuError) as err:
        init_village(store.paths.data_dir, code="330106001001", name="村", district_code="330106",
                     admin="admin", password="long-enough-1")
    assert err.value.code == "E_STORE_EXISTS"
    assert _digest(store.paths.db) == before


@pytest.mark.parametrize("code,district,name,error", [
    ("33010600100", "330106", "村", "E_VILLAGE_CODE"),
    ("33010600100a", "330106", "村", "E_VILLAGE_CODE"),
    ("330106001001", "330107", "村", "E_DISTRICT_CODE"),
    ("330106001001", "330106", "  ", "E_VILLAGE_NAME"),
])
def test_init_checks_codes(tmp_path, code, district, name, error):
    from cunwu.services.village import init_village

    with pytest.raises(CunwuError) as err:
        init_village(tmp_path / "d", code=code, name=name, district_code=district,
                     admin="admin", password="long-enough-1")
    assert err.value.code == error
    assert not (tmp_path / "d" / "cunwu.sqlite3").exists()
