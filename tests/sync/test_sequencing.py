"""Order, repetition and history: duplicates, replays, reordering, restores, rotation, clocks."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from cunwu.district import importer
from cunwu.errors import CunwuError
from sync_support import (add_households, assert_rejected, district_counts, district_rows, export,
                          import_twice_at_once, resign, village_rows)

VILLAGE = "330106001001"


def _deliver(store, admin, d, path):
    from cunwu.services import sync

    out = importer.import_file(d, path)
    sync.import_receipt(store, admin, out.receipt)
    return out


def test_duplicate_import_is_success_without_effect(enrolled, admin, district, tmp_path):
    add_households(enrolled, admin, 3)
    path = export(enrolled, admin, tmp_path / "usb")
    assert importer.import_file(district, path).status == "applied"
    before = district_counts(district)
    again = importer.import_file(district, path)
    assert again.status == "already" and again.rows == 0
    assert district_counts(district) == before


def test_two_importers_at_once_exactly_one_applies(enrolled, admin, district, tmp_path):

    add_households(enrolled, admin, 50)
    data = export(enrolled, admin, tmp_path / "usb").read_bytes()
    assert sorted(import_twice_at_once(district.folder, data)) == ["already", "applied"]
    assert district_counts(district)["bundles"] == 1
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_replay_of_an_old_bundle(enrolled, admin, district, tmp_path):
    add_households(enrolled, admin, 2)
    first = export(enrolled, admin, tmp_path / "a")  # its receipt never comes back
    add_households(enrolled, admin, 2, 10)
    second = export(enrolled, admin, tmp_path / "b")
    _deliver(enrolled, admin, district, second)
    assert_rejected(district, first.read_bytes(), "E_BUNDLE_REPLAY")
    assert importer.import_file(district, second).status == "already"
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def _five_and_six(store, admin, d, tmp_path):
    for n in range(4):
        add_households(store, admin, 1, n)
        _deliver(store, admin, d, export(store, admin, tmp_path / f"b{n + 1}"))
    add_households(store, admin, 2, 100)
    five = export(store, admin, tmp_path / "b5")
    add_households(store, admin, 2, 200)
    six = export(store, admin, tmp_path / "b6")
    assert five.name.endswith("000005.cwb") and six.name.endswith("000006.cwb")
    return five, six


def test_bundles_5_and_6_delivered_as_6_then_5(enrolled, admin, district, tmp_path):
    five, six = _five_and_six(enrolled, admin, district, tmp_path)
    assert importer.import_file(district, six).status == "applied"
    assert_rejected(district, five.read_bytes(), "E_BUNDLE_REPLAY")
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_bundle_6_alone(enrolled, admin, district, tmp_path):
    five, six = _five_and_six(enrolled, admin, district, tmp_path)
    _deliver(enrolled, admin, district, six)
    assert district_rows(district, VILLAGE) == village_rows(enrolled)
    add_households(enrolled, admin, 1, 300)
    seven = export(enrolled, admin, tmp_path / "b7")
    _deliver(enrolled, admin, district, seven)
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_village_restored_from_an_old_backup_is_quarantined(enrolled, admin, district, tmp_path):
    from cunwu.store import Store

    add_households(enrolled, admin, 2)
    _deliver(enrolled, admin, district, export(enrolled, admin, tmp_path / "b1"))
    db = enrolled.paths.db
    enrolled.close()
    shutil.copyfile(db, tmp_path / "old.sqlite3")
    s = Store.open(enrolled.paths.data_dir)
    add_households(s, admin, 2, 10)
    _deliver(s, admin, district, export(s, admin, tmp_path / "b2"))
    held = district_rows(district, VILLAGE)
    s.close()
    for suffix in ("-wal", "-shm"):
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "old.sqlite3", db)  # the restore
    s = Store.open(enrolled.paths.data_dir)
    try:
        add_households(s, admin, 3, 20)  # new history from the old point
        again = export(s, admin, tmp_path / "b2-again")
        with pytest.raises(CunwuError) as e:
            importer.import_file(district, again)
        assert e.value.code == "E_BUNDLE_QUARANTINED"
        assert district_rows(district, VILLAGE) == held
        assert district_counts(district)["quarantine"] == 1
        with pytest.raises(CunwuError):  # the same file again: still held, not duplicated
            importer.import_file(district, again)
        assert district_counts(district)["quarantine"] == 1
        from cunwu.district.quarantine import listing as quarantined

        [held_bundle] = quarantined(district)
        assert held_bundle["seq"] == 2 and "backup" in held_bundle["reason"]
    finally:
        s.close()


def test_a_history_that_diverges_under_a_new_number_is_quarantined(enrolled, admin, district, tmp_path):
    # Restored, then bundle 2 was lost, so the next number (3) was never seen: the chain decides.
    from cunwu.store import Store

    add_households(enrolled, admin, 2)
    _deliver(enrolled, admin, district, export(enrolled, admin, tmp_path / "b1"))
    db = enrolled.paths.db
    enrolled.close()
    shutil.copyfile(db, tmp_path / "old.sqlite3")
    s = Store.open(enrolled.paths.data_dir)
    add_households(s, admin, 2, 10)
    export(s, admin, tmp_path / "b2")  # written, never delivered
    add_households(s, admin, 2, 20)
    _deliver(s, admin, district, export(s, admin, tmp_path / "b3"))
    s.close()
    for suffix in ("-wal", "-shm"):
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "old.sqlite3", db)
    s = Store.open(enrolled.paths.data_dir)
    try:
        for n in range(3):  # bundles 2, 3, 4 of the restored village
            add_households(s, admin, 1, 30 + n)
            path = export(s, admin, tmp_path / f"r{n}")
        with pytest.raises(CunwuError) as e:
            importer.import_file(district, path)
        assert e.value.code == "E_BUNDLE_QUARANTINED"
    finally:
        s.close()


def test_key_rotation_across_bundles(enrolled, admin, district, tmp_path):
    from cunwu.sync import bundle, village
    from cunwu.services import sync

    add_households(enrolled, admin, 1)
    _deliver(enrolled, admin, district, export(enrolled, admin, tmp_path / "b1"))
    old = village.active_key(enrolled)
    old_private = village.private_key(enrolled, old)
    new = sync.rotate_key(enrolled, admin)

    add_households(enrolled, admin, 1, 10)
    b2 = export(enrolled, admin, tmp_path / "b2")  # signed by the old key, announces the new
    assert bundle.unpack(b2.read_bytes()).envelope["sender_key_id"] == old.key_id
    add_households(enrolled, admin, 1, 11)
    b3 = export(enrolled, admin, tmp_path / "b3")  # b2's receipt not back yet: still the old key
    assert bundle.unpack(b3.read_bytes()).envelope["sender_key_id"] == old.key_id
    _deliver(enrolled, admin, district, b3)
    assert village.active_key(enrolled).key_id == new.key_id

    add_households(enrolled, admin, 1, 12)
    b4 = export(enrolled, admin, tmp_path / "b4")
    assert bundle.unpack(b4.read_bytes()).envelope["sender_key_id"] == new.key_id
    _deliver(enrolled, admin, district, b4)
    assert district_rows(district, VILLAGE) == village_rows(enrolled)

    add_households(enrolled, admin, 1, 13)
    b5 = export(enrolled, admin, tmp_path / "b5").read_bytes()
    forged = resign(b5, old_private, sender_key_id=old.key_id)  # the retired key from now on
    assert_rejected(district, forged, "E_BUNDLE_REVOKED")
    assert importer.import_bytes(district, b5).status == "applied"


@pytest.mark.parametrize("year", [2000, 2031])
def test_village_clock_does_not_change_the_result(enrolled, admin, district, tmp_path, monkeypatch, year):
    from cunwu import clock

    add_households(enrolled, admin, 3)
    monkeypatch.setattr(clock, "now_utc", lambda: dt.datetime(year, 6, 1, tzinfo=dt.timezone.utc))
    path = export(enrolled, admin, tmp_path / "usb")
    monkeypatch.undo()
    out = _deliver(enrolled, admin, district, path)
    assert out.status == "applied"
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


@pytest.mark.parametrize("ahead", [True, False])
def test_a_folder_with_a_key_rotation_imports_as_one_file_at_a_time(enrolled, admin, district, tmp_path,
                                                                   ahead, monkeypatch):
    """`district import` of several files checks the next file in a helper process while this
    one is written: one signed by a key the file before it revokes is still refused, the key
    being asked again inside the import's transaction."""
    import time

    from cunwu.sync import bundle, village
    from district_support import forge
    from cunwu.services import sync

    add_households(enrolled, admin, 1)
    _deliver(enrolled, admin, district, export(enrolled, admin, tmp_path / "b1"))
    old = village.active_key(enrolled)
    old_private = village.private_key(enrolled, old)
    sync.rotate_key(enrolled, admin)
    add_households(enrolled, admin, 1, 10)
    b2 = export(enrolled, admin, tmp_path / "b2")  # the old key, announcing the new
    sync.import_receipt(enrolled, admin, importer.import_bytes(district, b2.read_bytes()).receipt)
    add_households(enrolled, admin, 1, 11)
    b3 = export(enrolled, admin, tmp_path / "b3")  # the new key, revoking the old from its number
    add_households(enrolled, admin, 1, 12)
    b4 = export(enrolled, admin, tmp_path / "b4")
    forged = tmp_path / "forged.cwb"  # b4's changes sealed whole again, signed by the old key
    parsed = bundle.unpack(b4.read_bytes())
    contents = bundle.open_payload(parsed, district.private(parsed.envelope["recipient_key_id"]))
    env = parsed.envelope
    forged.write_bytes(forge(district, old_private, old.key_id, VILLAGE, contents.lines(), seq=env["seq"],
                             log_from=env["log_from"], chain_base=bytes.fromhex(contents.manifest["chain_base"])))
    real_finish = importer._finish
    monkeypatch.setattr(importer, "_finish", lambda *a: time.sleep(0.3) or real_finish(*a))  # forged is checked first
    got = list(importer.import_files(district, [b3, forged, b4], ahead=ahead))
    assert [p for p, _ in got] == [b3, forged, b4]
    assert got[0][1].status == "applied" and got[2][1].status == "applied"
    assert isinstance(got[1][1], CunwuError) and got[1][1].code == "E_BUNDLE_REVOKED"
    assert district_rows(district, VILLAGE) == village_rows(enrolled)
    assert not any(district.spool.glob("*"))


@pytest.mark.parametrize("ahead", [True, False])
def test_a_folder_whose_second_file_is_signed_by_the_key_the_first_announces(enrolled, admin, district,
                                                                            tmp_path, ahead, monkeypatch):
    """Checked ahead, the second file's key is unknown until the first is applied: it is taken
    again in its turn, and a file that cannot be read after them changes nothing."""
    import hashlib
    import os
    import time
    from cunwu.district.store import District
    from cunwu.sync import bundle, village
    from cunwu.services import sync

    add_households(enrolled, admin, 1)
    _deliver(enrolled, admin, district, export(enrolled, admin, tmp_path / "b1"))
    district.engine.dispose()
    shutil.copytree(district.folder, tmp_path / "before")  # the district as it was before b2
    old, new = village.active_key(enrolled), sync.rotate_key(enrolled, admin)
    add_households(enrolled, admin, 1, 10)
    b2 = export(enrolled, admin, tmp_path / "b2")  # the old key, announcing the new
    _deliver(enrolled, admin, district, b2)
    add_households(enrolled, admin, 1, 11)
    b3 = export(enrolled, admin, tmp_path / "b3")
    assert bundle.unpack(b2.read_bytes()).envelope["sender_key_id"] == old.key_id
    assert bundle.unpack(b3.read_bytes()).envelope["sender_key_id"] == new.key_id
    log, real_prepared, real_finish = tmp_path / "prepared.log", importer._prepared, importer._finish

    def recorded(d, data):  # by whichever process takes it (the helper is forked from this one)
        with open(log, "a") as out:
            out.write(f"{os.getpid()} {hashlib.sha256(data).hexdigest()}\n")
        return real_prepared(d, data)

    monkeypatch.setattr(importer, "_prepared", recorded)
    monkeypatch.setattr(importer, "_finish", lambda *a: time.sleep(0.3) or real_finish(*a))  # b3 is checked first
    with District.open(tmp_path / "before") as before:
        got = list(importer.import_files(before, [b2, b3, tmp_path / "missing.cwb"], ahead=ahead))
        assert got[0][1].status == "applied" and got[1][1].status == "applied"
        assert got[2][1].code == "E_FILE_READ"
        # ahead, the helper took b3 before b2 was applied, was refused its key, and b3 was
        # taken again here
        b3_sha = hashlib.sha256(b3.read_bytes()).hexdigest()
        by = [int(line.split()[0]) for line in log.read_text().splitlines() if line.endswith(b3_sha)]
        assert by == ([by[0], os.getpid()] if ahead else [os.getpid()]) and (not ahead or by[0] != os.getpid())
        assert district_rows(before, VILLAGE) == village_rows(enrolled)
        assert not any(before.spool.glob("*"))


def _folder(enrolled, admin, tmp_path, n: int) -> list:
    files = []
    for k in range(n):
        add_households(enrolled, admin, 1, 20 + k)
        files.append(export(enrolled, admin, tmp_path / f"f{k}"))
    return files


def test_a_folder_whose_helper_dies_is_taken_whole_by_the_command(enrolled, admin, district, tmp_path,
                                                                 monkeypatch):
    """The helper process killed while it opens a file: the command takes that file and the
    ones after it itself, one after another."""
    import os

    files, command, died = _folder(enrolled, admin, tmp_path, 4), os.getpid(), tmp_path / "died"
    real_prepared = importer._prepared

    def die_in_the_helper(d, data):
        if os.getpid() != command:
            died.write_text(str(os.getpid()))
            os._exit(1)
        return real_prepared(d, data)

    monkeypatch.setattr(importer, "_prepared", die_in_the_helper)
    got = list(importer.import_files(district, files, ahead=True))
    assert [(p, out.status) for p, out in got] == [(f, "applied") for f in files]
    assert died.exists() and district_counts(district)["bundles"] == len(files)
    assert district_rows(district, VILLAGE) == village_rows(enrolled)


def test_a_folder_import_stopped_after_its_first_file_takes_no_more(enrolled, admin, district, tmp_path):
    """The command stops reading outcomes (interrupted, or a caller that has seen enough): the
    file the helper was opening is not applied, and closing does not wait long."""
    import time

    import sqlalchemy as sa

    files = _folder(enrolled, admin, tmp_path, 3)
    got = importer.import_files(district, files, ahead=True)
    path, out = next(got)
    started = time.monotonic()
    got.close()
    assert time.monotonic() - started < 5
    assert (path, out.status) == (files[0], "applied")
    with district.reader.connect() as conn:
        assert conn.execute(sa.text("SELECT seq FROM bundles WHERE village = :v"), {"v": VILLAGE}).scalars().all() \
            == [out.seq]
