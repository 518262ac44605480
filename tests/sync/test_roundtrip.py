"""Round trip: random village edits → bundles (some lost, repeated or late) → a district that
holds exactly the village's rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cunwu.district import importer
from cunwu.errors import CunwuError
from sync_support import district_counts, district_rows, enrol_at, village_rows

VILLAGE = "330106001001"
_numbers = itertools.count()

# Any text a village can hold: its own input rules refuse control characters (domain/limits),
# and the district refuses a NUL, which PostgreSQL cannot store (district/rows.py).
notes = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
edit = st.one_of(
    st.tuples(st.just("add"), st.integers(1, 4), notes),
    st.tuples(st.just("change"), st.integers(0, 50), notes),
    st.tuples(st.just("delete"), st.integers(0, 50), st.just("")),
)
delivery = st.sampled_from(["deliver", "deliver_no_receipt", "lose", "deliver_twice"])
step = st.one_of(st.tuples(st.just("edit"), edit), st.tuples(st.just("sync"), delivery))


def _apply_edit(store, actor, kind, n, text):
    from sqlmodel import select

    from cunwu import clock
    from cunwu.domain.households import Household

    with store.write(actor, "test.edit") as uow:
        live = uow.session.exec(select(Household).order_by(Household.uuid)).all()
        if kind == "add":
            for _ in range(n):
                uow.add(Household(number=f"R{next(_numbers):07d}", address=text, group_name="二组",
                                  notes="", created_at=clock.now_utc()))
        elif live and kind == "change":
            h = live[n % len(live)]
            h.notes = text + "改"
            uow.save(h)
        elif live and kind == "delete":
            uow.delete(live[n % len(live)])


def _sync(store, actor, d, how, folder):
    from cunwu.services import sync

    try:
        out = sync.export_bundle(store, actor, folder)
    except CunwuError:
        raise
    if how == "lose":
        return
    data = open(out["path"], "rb").read()
    result = importer.import_bytes(d, data)
    if how == "deliver_twice":
        assert importer.import_bytes(d, data).status == "already"
    if how != "deliver_no_receipt":
        sync.import_receipt(store, actor, result.receipt)


def _round_trip(store, admin, d, tmp_path, data):
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    enrol_at(store, admin, d, tmp_path / "enrol")

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(step, min_size=1, max_size=12))
    def run(steps):
        for what, arg in steps:
            if what == "edit":
                _apply_edit(store, admin, *arg)
            else:
                _sync(store, admin, d, arg, folder)
        _sync(store, admin, d, "deliver", folder)  # finally the stick gets through
        assert district_rows(d, VILLAGE) == village_rows(store)
        assert district_counts(d)["quarantine"] == 0

    run()


def test_round_trip_sqlite(store, admin, district, tmp_path):
    _round_trip(store, admin, district, tmp_path, None)


def test_round_trip_postgresql(store, admin, pg_district, tmp_path):
    _round_trip(store, admin, pg_district, tmp_path, None)


def test_two_importers_at_once_on_postgresql(store, admin, pg_district, tmp_path):
    from sync_support import add_households, export, import_twice_at_once

    enrol_at(store, admin, pg_district, tmp_path / "enrol")
    add_households(store, admin, 100)
    data = export(store, admin, tmp_path / "usb").read_bytes()
    assert sorted(import_twice_at_once(pg_district.folder, data)) == ["already", "applied"]
    assert district_rows(pg_district, VILLAGE) == village_rows(store)


def test_attacks_write_nothing_on_postgresql(store, admin, pg_district, tmp_path):
    from sync_support import add_households, assert_rejected, export

    enrol_at(store, admin, pg_district, tmp_path / "enrol")
    add_households(store, admin, 5)
    data = export(store, admin, tmp_path / "usb").read_bytes()
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x40
    assert_rejected(pg_district, bytes(flipped), {"E_BUNDLE_FORMAT", "E_BUNDLE_PAYLOAD",
                                                  "E_BUNDLE_SIGNATURE", "E_BUNDLE_ENTRIES"})
    assert importer.import_bytes(pg_district, data).status == "applied"
    with pytest.raises(CunwuError):
        importer.import_bytes(pg_district, data[:-1])
