"""Writing a bundle's rows into the district's records (district/records_io.py): counts and
versions across SQLite's batches; PostgreSQL's ways in (COPY straight into records, an UPDATE
of the rows held, an INSERT of the rest); COPY's text with every character a row may hold; a
bundle that waits for its village's first upload."""

from __future__ import annotations

import json
import uuid as _uuid

import pytest
import sqlalchemy as sa

from district_support import enrol_key, forge, household, op_lines

VILLAGE = "330106001002"


@pytest.mark.parametrize("store", ["district", "pg_district"])
def test_batched_upserts_count_and_keep_only_newer_rows(store, request):
    """Rows go in BATCH at a time, then the rest one by one: counts and versions hold on both
    sides of a batch, a row changed twice in one bundle keeps its last change, an older or
    equal version never overwrites a newer one, and a bundle mixing changed, stale and new rows
    writes the changed and the new ones (on PostgreSQL an UPDATE, then an INSERT of the rest)."""
    from cunwu.district import importer, records_io
    from cunwu.sync import bundle

    d = request.getfixturevalue(store)
    key = enrol_key(d, VILLAGE)
    n = 2 * records_io.BATCH + 44
    rows = [household(i) for i in range(n)]
    first = [("households", r["uuid"], "upsert", 1, r) for r in rows]
    twice = rows[5] | {"address": "改过的地址", "row_version": 2}
    first.append(("households", twice["uuid"], "upsert", 2, twice))
    assert importer.import_bytes(d, forge(d, *key, VILLAGE, op_lines(first))).rows == n
    newer = [("households", r["uuid"], "upsert", 3, r | {"row_version": 3, "notes": "新"}) for r in rows[:200]]
    stale = [("households", r["uuid"], "upsert", 1, r | {"notes": "旧"}) for r in rows[200:]]
    new = [("households", (r := household(n + 10 + i))["uuid"], "upsert", 1, r) for i in range(2)]
    out = importer.import_bytes(d, forge(d, *key, VILLAGE, op_lines(newer + stale + new, first=n + 2), seq=2,
                                         log_from=n + 2, chain_base=_chain_of(first)))
    assert out.rows == 202
    with d.engine.connect() as conn:
        held = {u: (v, json.loads(r)) for u, v, r in conn.execute(sa.text(
            "SELECT uuid, row_version, row FROM records WHERE village = :v"), {"v": VILLAGE})}
    assert len(held) == n + 2 and all(held[uuid][0] == 1 for _, uuid, *_ in new)
    assert all(held[r["uuid"]][0] == 3 and held[r["uuid"]][1]["notes"] == "新" for r in rows[:200])
    assert all(held[r["uuid"]][0] == 1 and held[r["uuid"]][1]["notes"] != "旧" for r in rows[200:])
    assert held[rows[5]["uuid"]][0] == 3  # its second change (version 2) had won before version 3 came
    # Only rows the district does not hold, from a village that holds others (on PostgreSQL the
    # plain INSERT; the first upload went straight in by COPY).
    fresh = [("households", (r := household(n + i))["uuid"], "upsert", 1, r) for i in range(3)]
    second = op_lines(newer + stale + new, first=n + 2)
    out = importer.import_bytes(d, forge(d, *key, VILLAGE, op_lines(fresh, first=n + 2 + len(second)), seq=3,
                                         log_from=n + 2 + len(second),
                                         chain_base=bundle.chain_over(_chain_of(first), second)[-1]))
    assert out.rows == 3
    with d.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM records WHERE village = :v"), {"v": VILLAGE}).scalar() == n + 5
    other = "330106001009"  # exactly two batches and nothing after them
    key = enrol_key(d, other, "整批村")
    exact = [("households", (r := household(i))["uuid"], "upsert", 1, r) for i in range(2 * records_io.BATCH)]
    assert importer.import_bytes(d, forge(d, *key, other, op_lines(exact))).rows == 2 * records_io.BATCH


def test_a_bundle_waiting_on_a_first_upload_goes_in_after_it_on_postgresql(pg_district, monkeypatch):
    """A first upload goes straight into records by COPY. A later bundle of the same village,
    imported meanwhile, waits for the village's lock and then sees those rows: it changes them
    (an UPDATE) instead of copying beside them."""
    import threading
    import time

    from cunwu import faults
    from cunwu.district import importer

    d = pg_district
    key = enrol_key(d, VILLAGE)
    rows = [household(i) for i in range(50)]
    first = [("households", r["uuid"], "upsert", 1, r) for r in rows]
    again = [("households", r["uuid"], "upsert", 2, r | {"row_version": 2, "notes": "二"}) for r in rows]
    one = forge(d, *key, VILLAGE, op_lines(first))
    two = forge(d, *key, VILLAGE, op_lines(again, first=51), seq=2, log_from=51, chain_base=_chain_of(first))
    inside, got = threading.Event(), {}

    def hold(name):  # the first upload keeps the village's lock a while, its rows written
        if name == "import.applied" and threading.current_thread().name == "first":
            inside.set()
            time.sleep(0.5)

    monkeypatch.setattr(faults, "hook", hold)
    first_upload = threading.Thread(target=lambda: got.update(one=importer.import_bytes(d, one)), name="first")
    first_upload.start()
    assert inside.wait(10)
    got["two"] = importer.import_bytes(d, two)
    first_upload.join()
    assert (got["one"].rows, got["two"].rows) == (50, 50)
    with d.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT row_version, count(*) FROM records WHERE village = :v GROUP BY 1"),
                            {"v": VILLAGE}).all() == [(2, 50)]


def _chain_of(ops: list[tuple]) -> bytes:
    from cunwu.store.canonical import GENESIS
    from cunwu.sync import bundle

    return bundle.chain_over(GENESIS, op_lines(ops))[-1]


@pytest.mark.parametrize("store", ["district", "pg_district"])
def test_rows_are_stored_exactly_whatever_characters_they_hold(store, request):
    """COPY's text escapes what would end a field or a line: rows holding backslashes, tabs,
    CR and LF, a literal backslash-N and backslash-dot, and CJK and astral characters come
    back exactly, written first by COPY straight into records, then through the UPDATE."""
    from cunwu.district import records_io

    d = request.getfixturevalue(store)
    odd = ["\\", "\\N", "\\.", "\t", "\r", "a\tb\r\nc", '{"a": "\\n \\u0000 \\""}', "青山村 𠀀 😀", "\\\\t", ""]
    uuids = [str(_uuid.uuid4()) for _ in odd]

    def write(version: int, texts: list[str]) -> int:
        values = [(VILLAGE, "households", u, version, False, i, t) for i, (u, t) in enumerate(zip(uuids, texts))]
        with d.engine.begin() as conn:
            return records_io.upsert_rows(conn, records_io.ready(VILLAGE, values, d.engine.dialect.name))

    def held() -> list[tuple]:
        with d.engine.connect() as conn:
            return sorted(conn.execute(sa.text("SELECT uuid, row_version, row FROM records WHERE village = :v"),
                                       {"v": VILLAGE}).all())

    assert write(1, odd) == len(odd)
    assert held() == sorted(zip(uuids, [1] * len(odd), odd))
    assert write(2, odd[::-1]) == len(odd)
    assert held() == sorted(zip(uuids, [2] * len(odd), odd[::-1]))
