"""Backups: consistent while the store is in use, vetted before a restore, pruned to ten."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

import pytest
from sqlmodel import select

from cunwu import clock
from cunwu.errors import CunwuError
from cunwu.services.backup import backup, restore
from cunwu.store import Store, backups
from cunwu.store.lock import WindowLock
from cunwu.store.tables import Village


def _villages(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM village").fetchone()[0]


def _add_village(store, actor, n):
    with store.write(actor, "test.add") as uow:
        uow.add(Village(code=f"3301060010{n:02d}", name=f"村{n}", district_code="330106",
                        created_at=clock.now_utc()))


def test_backup_is_consistent_while_another_program_writes(store, admin, tmp_path):
    stop = threading.Event()
    writer = Store.open(store.paths.data_dir)

    def keep_writing():
        n = 10
        while not stop.is_set():
            _add_village(writer, admin, n % 90 + 10)
            n += 1

    t = threading.Thread(target=keep_writing)
    t.start()
    try:
        outs = [backup(store, admin, tmp_path / f"b{i}.sqlite3") for i in range(5)]
    finally:
        stop.set()
        t.join()
        writer.close()
    for out in outs:
        with sqlite3.connect(out) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            logged = conn.execute("SELECT count(*) FROM change_log WHERE entity='village'").fetchone()[0]
            assert logged == conn.execute("SELECT count(*) FROM village").fetchone()[0]


def test_restore_puts_the_old_data_back_and_keeps_what_was_there(store, admin, tmp_path):
    saved = backup(store, admin, tmp_path / "before.sqlite3")
    _add_village(store, admin, 50)
    store.close()
    result = restore(store.paths, saved, admin)
    assert _villages(store.paths.db) == 1
    previous = result["previous_saved_as"]
    assert _villages(previous) == 2
    with Store.open(store.paths.data_dir) as s, s.read() as session:
        assert session.exec(select(Village)).one().name == "青山村"


def test_restore_refuses_a_file_that_is_not_a_database(store, admin, tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("备忘录" * 100, encoding="utf-8")
    before = hashlib.sha256(store.paths.db.read_bytes()).hexdigest()
    with pytest.raises(CunwuError) as err:
        restore(store.paths, bogus, admin)
    assert err.value.code == "E_BACKUP_INVALID"
    assert hashlib.sha256(store.paths.db.read_bytes()).hexdigest() == before


def test_restore_refuses_a_backup_of_another_village(store, admin, tmp_path):
    from cunwu.services.village import init_village

    other = init_village(tmp_path / "other", code="330106002001", name="别村",
                         district_code="330106", admin="admin", password="long-enough-1")
    theirs = backup(other, admin, tmp_path / "theirs.sqlite3")
    other.close()
    with pytest.raises(CunwuError) as err:
        restore(store.paths, theirs, admin)
    assert err.value.code == "E_BACKUP_OTHER_VILLAGE"
    assert "330106002001" in err.value.message
    assert store.village().name == "青山村"


def test_restore_needs_admin_and_a_closed_window(store, admin, clerk, tmp_path):
    saved = backup(store, admin, tmp_path / "b.sqlite3")
    with pytest.raises(CunwuError) as err:
        restore(store.paths, saved, clerk)
    assert err.value.code == "E_PERMISSION"
    with WindowLock(store.paths):
        with pytest.raises(CunwuError) as err:
            restore(store.paths, saved, admin)
    assert err.value.code == "E_STORE_WINDOW_OPEN"


def test_only_the_last_ten_automatic_backups_are_kept(store):
    made = [backups.automatic(store.paths, f"test-{i}") for i in range(13)]
    autos = sorted(p.name for p in store.paths.backups.glob("auto-*"))
    assert len(autos) == 10
    assert autos == sorted(p.name for p in made[-10:])


def test_backup_to_an_unwritable_place_says_so(store, admin, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CunwuError) as err:
        backup(store, admin, blocker / "b.sqlite3")
    assert err.value.code == "E_BACKUP_WRITE"
