"""On SQLite a district's reads take no lock: a page, a report or the next bundle's checks go on
while an import holds the write lock, and writers still take it up front."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from cunwu.district import importer, quarantine
from cunwu.district.schema import villages
from district_support import enrol_key, forge, household, op_lines

VILLAGE = "330106001001"


def _holding_the_lock(d, seconds: float):
    """A thread that takes the write lock as an import does and keeps it for `seconds`."""
    taken = threading.Event()

    def hold():
        with d.engine.begin() as conn:
            conn.execute(villages.update().where(villages.c.code == VILLAGE), {"last_import_at": "held"})
            taken.set()
            time.sleep(seconds)

    t = threading.Thread(target=hold)
    t.start()
    assert taken.wait(10)
    return t


def test_reads_and_checks_do_not_wait_for_an_import(district):
    key = enrol_key(district, VILLAGE, "青山村")
    data = forge(district, *key, VILLAGE, op_lines([("households", (r := household(1))["uuid"], "upsert", 1, r)]))
    holder = _holding_the_lock(district, 3.0)
    try:
        t0 = time.perf_counter()
        parsed = importer.check(district, data)  # the envelope, the village and its key: reads
        opened = importer.open_checked(district, parsed)
        with district.reader.connect() as conn:
            name = conn.execute(sa.select(villages.c.name).where(villages.c.code == VILLAGE)).scalar()
        held = quarantine.listing(district)
        took = time.perf_counter() - t0
    finally:
        holder.join()
    assert name == "青山村" and held == [] and opened.error is None and opened.row_error is None
    assert took < 1.5, f"reads waited {took:.2f} s for the writer"
    assert importer.import_bytes(district, data).status == "applied"


def test_a_second_writer_still_waits_for_the_first(district):
    enrol_key(district, VILLAGE, "青山村")
    holder = _holding_the_lock(district, 1.0)
    try:
        t0 = time.perf_counter()
        with district.engine.begin() as conn:  # BEGIN IMMEDIATE: waits, rather than failing later
            conn.execute(villages.update().where(villages.c.code == VILLAGE), {"name": "青山"})
        took = time.perf_counter() - t0
    finally:
        holder.join()
    assert took > 0.5
