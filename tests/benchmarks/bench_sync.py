"""Benchmark: sync export and district import. Prints the figures; exits 1 when a target is missed.

Targets: export of a bundle with 100,000 changes ≤ 5 s and ≤ 3 × the floor (compressing and
sealing the same ops bytes); district import of 200 villages × 5,000 changes ≥ 50,000 rows/s on
SQLite and on PostgreSQL, with the row checks on, ≤ 2 × the floor on SQLite and ≤ 1 × on
PostgreSQL (the floor: a raw executemany upsert of the same rows, in the same run).
Run: python tests/benchmarks/bench_sync.py  (BENCH_SYNC_SCALE=0.1 for a quick look;
BENCH_SYNC_EXPORT=0 to measure the import only)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: pg_support, district_support

SCALE = float(os.environ.get("BENCH_SYNC_SCALE", "1"))
EXPORT_CHANGES = int(100_000 * SCALE)
VILLAGES = max(2, int(200 * SCALE))
CHANGES_PER_VILLAGE = 5_000
PASSWORD = "bench-password-1"
failures: list[str] = []


def _keyring() -> None:
    import keyring

    from cunwu.sync.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())


def bench_export(tmp: Path) -> None:
    from cunwu import clock
    from cunwu.district.enrol import enrol
    from cunwu.district.store import District
    from cunwu.domain.households import Household
    from cunwu.services.village import admin_actor, init_village
    from cunwu.sync import bundle, crypto, village
    from cunwu.services import sync

    store = init_village(tmp / "village", code="330106001001", name="青山村", district_code="330106",
                         admin="admin", password=PASSWORD)
    admin = admin_actor(store, "admin")
    d = District.create(tmp / "district", "330106", "西湖区")
    sync.enrol_request(store, admin, tmp / "req.json")
    cert, _ = enrol(d, (tmp / "req.json").read_bytes())
    (tmp / "cert.json").write_bytes(cert)
    sync.accept_district(store, admin, tmp / "cert.json")
    batch = 10_000
    for start in range(0, EXPORT_CHANGES, batch):
        with store.write(admin, "bench.households") as uow:
            uow.add_many(Household, [Household(number=f"H{start + i:07d}", address=f"青山村{i}号",
                                               group_name=f"第{i % 12 + 1}村民小组", notes="",
                                               created_at=clock.now_utc())
                                     for i in range(min(batch, EXPORT_CHANGES - start))])

    # The floor: compress and seal the very ops bytes the bundle carries.
    with store.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT log_seq, entity, uuid, op, row_version, row FROM change_log ORDER BY log_seq").fetchall()
    ops = b"\n".join(bundle.op_line(*r) for r in rows)
    recipient = bytes.fromhex(village.district(store).encryption_key)
    floors, times = [], []
    for n in range(5):  # alternate, so both sides see the same machine; no receipt comes back,
        t0 = time.perf_counter()  # so each bundle carries every change again
        crypto.seal(zlib.compress(ops, bundle.COMPRESS_LEVEL), recipient, b"info")
        floors.append(time.perf_counter() - t0)
        out = tmp / f"usb{n}"
        out.mkdir()
        t0 = time.perf_counter()
        info = sync.export_bundle(store, admin, out)
        times.append(time.perf_counter() - t0)
    # Best of five for both sides: on a shared machine the minimum is the least disturbed run.
    floor, took = min(floors), min(times)
    size = Path(info["path"]).stat().st_size
    print(f"export: {info['changes']:,} changes, {len(ops) / 1e6:.1f} MB ops → {size / 1e6:.1f} MB bundle")
    print(f"  export best {took:.2f} s, median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}); floor (compress + seal) best {floor:.2f} s; "
          f"ratio {took / floor:.1f}×")
    if EXPORT_CHANGES >= 100_000 and took > 5.0:
        failures.append(f"export {took:.2f} s > 5 s")
    if took > 3 * floor:
        failures.append(f"export {took / floor:.1f}× the floor > 3×")
    store.close()
    d.close()


def make_bundles(d, tmp: Path, rounds: int = 1) -> tuple[list[bytes], list[tuple]]:
    """VILLAGES enrolled villages, each with `rounds` bundles of CHANGES_PER_VILLAGE changes (the
    same rows, a newer version each round), built with the real bundle code (keys and rows made
    here rather than through 200 village stores). Bundles and rows are in round order."""
    from district_support import enrol_key, forge, household, op_lines
    from cunwu.store.canonical import GENESIS
    from cunwu.sync import bundle

    out, rows = [[] for _ in range(rounds)], [[] for _ in range(rounds)]
    for v in range(VILLAGES):
        code = f"330106{v + 1:03d}001"
        key = enrol_key(d, code, f"村{v}")
        made, base = [household(i) for i in range(CHANGES_PER_VILLAGE)], GENESIS
        for n in range(rounds):
            first = n * CHANGES_PER_VILLAGE + 1
            changed = [r | {"row_version": n + 1, "notes": f"第{n + 1}次"} for r in made]
            lines = op_lines([("households", r["uuid"], "upsert", n + 1, r) for r in changed], first)
            out[n].append(forge(d, *key, code, lines, seq=n + 1, log_from=first, chain_base=base))
            base = bundle.chain_over(base, lines)[-1]
            rows[n] += [(code, "households", r["uuid"], n + 1, False, first + i,
                         line[line.find(b',"row":') + 7:line.rfind(b',"row_version":')].decode())
                        for i, (r, line) in enumerate(zip(changed, lines))]
    return sum(out, []), sum(rows, [])


class Floor:
    """A raw executemany upsert of the same rows into a copy of the records table, one
    transaction per bundle, as the import has."""

    def __init__(self, engine) -> None:
        from cunwu.district.records_io import COLUMNS, UPSERT_SET

        self.engine = engine
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS floor_records")
            conn.exec_driver_sql("CREATE TABLE floor_records (village varchar(12), entity varchar, "
                                 "uuid varchar(36), row_version integer, deleted boolean, log_seq integer, "
                                 "row text, PRIMARY KEY (village, entity, uuid))")
            if engine.dialect.name == "postgresql":  # the same storage settings (fillfactor)
                for option in conn.exec_driver_sql(
                        "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'records'").scalars():
                    conn.exec_driver_sql(f"ALTER TABLE floor_records SET ({option})")
        mark = "%s" if engine.dialect.name == "postgresql" else "?"
        self.sql = (f"INSERT INTO floor_records ({COLUMNS}) VALUES ({', '.join([mark] * 7)}) "
                    + UPSERT_SET.replace("records.row_version", "floor_records.row_version"))

    def upsert(self, rows) -> float:
        t0 = time.perf_counter()
        with self.engine.begin() as conn:
            cur = conn.connection.driver_connection.cursor()
            cur.executemany(self.sql, rows)
            cur.close()
        return time.perf_counter() - t0

    def drop(self) -> None:
        with self.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE floor_records")


def bench_import(label: str, make_district, tmp: Path, target: float) -> None:
    """Three times, each into a district of its own: bundle by bundle (import_bytes, as the
    receiver imports one upload with nothing else going on), two uploads at a time (two threads,
    as the receiver takes concurrent uploads: each opened by the helper process while the other
    is written), and as `district import FILE...` takes a folder of them (import_files, the next
    file opened in a helper process while this one is written). The floor's upserts are timed next to each,
    bundle by bundle or PART bundles at a time: both sides see the same machine, which on shared
    cores changes from one second to the next."""
    from concurrent.futures import ThreadPoolExecutor

    from cunwu.district import importer, rows as row_checks

    row_checks.prepare()  # once per process (the receiver does it at start), not per import
    # Each way in a call of its own, so that only its bundles and rows are held meanwhile: a
    # process holding two sets of them (3 GB) made each fork of the folder's helper cost more.
    _by_parts(label, target, make_district, tmp, "one", "bundle by bundle", 1,
              lambda d, _helper, datas, _paths: importer.import_bytes(d, datas[0]).rows)
    with ThreadPoolExecutor(2) as pool:
        _by_parts(label, target, make_district, tmp, "two", "two uploads at a time", PART,
                  lambda d, helper, datas, _paths: sum(pool.map(lambda data: _upload(d, helper, data), datas)),
                  helped=True)
    _by_parts(label, target, make_district, tmp, "folder", f"a folder of bundles ({PART} to a command)", PART,
              lambda d, _helper, _datas, paths: sum(out.rows for _path, out in importer.import_files(
                  d, paths, ahead=AHEAD)))


def _upload(d, helper, data: bytes) -> int:
    """As the receiver takes an upload while another is imported: spooled to a file, opened by
    the helper process, written here."""
    from cunwu.district import importer, spool

    path = spool.new_path(d.spool)
    path.write_bytes(data)
    return importer.import_spooled(d, path, None, helper).rows


def _by_parts(label: str, target: float, make_district, tmp: Path, name: str, mode: str, size: int,
              run, helped: bool = False) -> None:
    """`run(district, its helper process or None, bundles, their files)` imports `size` bundles
    at a time, a round at a time (a village's second bundle never beside its first); the floor
    upserts the same rows first."""
    from cunwu.district import importer

    d = make_district(name)
    # Forked first, as the server forks it at start: before there are threads, and before the
    # bundles and rows are made, which the fork would otherwise make dearer to touch (its pages
    # copied on write), the floor's too.
    helper = importer.Helper(d) if helped else None
    if helper:
        helper.start()
    bundles, rows = make_bundles(d, tmp, rounds=2)
    folder = tmp / f"usb-{label}-{name}"
    folder.mkdir()
    paths = []
    for i, data in enumerate(bundles):
        paths.append(folder / f"{i:03d}.cwb")
        paths[-1].write_bytes(data)
    floor, applied = Floor(d.engine), 0
    floors, times = ([], []), ([], [])
    for r in range(2):
        for start in range(r * VILLAGES, (r + 1) * VILLAGES, size):
            part = range(start, min(start + size, (r + 1) * VILLAGES))
            floors[r].append(sum(floor.upsert(_rows_of(rows, i)) for i in part))
            t0 = time.perf_counter()
            applied += run(d, helper, bundles[part.start:part.stop], paths[part.start:part.stop])
            times[r].append(time.perf_counter() - t0)
    floor.drop()
    if helper:
        helper.close()
    d.close()
    n = VILLAGES * CHANGES_PER_VILLAGE
    for r, what in enumerate(("new rows", "each row changed")):
        took, floor_took = sum(times[r]), sum(floors[r])
        ratio = took / floor_took
        ratios = sorted(t / f for t, f in zip(times[r], floors[r]))
        print(f"import [{label}], {mode}, {what}: {VILLAGES} villages × {CHANGES_PER_VILLAGE:,} = {n:,} rows "
              f"in {took:.2f} s → {n / took:,.0f} rows/s; floor: raw executemany upsert {floor_took:.2f} s → "
              f"{n / floor_took:,.0f} rows/s; ratio {ratio:.2f}× (per part of {size}: min {ratios[0]:.2f}×, "
              f"median {statistics.median(ratios):.2f}×, max {ratios[-1]:.2f}×; target ≤ {target:g}×)")
        if n / took < 50_000:
            failures.append(f"import on {label}, {mode}, {what}: {n / took:,.0f} rows/s < 50,000")
        if ratio > target:
            failures.append(f"import on {label}, {mode}, {what}: {ratio:.2f}× the floor > {target:g}×")
    if applied != len(rows):
        failures.append(f"import on {label}, {mode}: {applied:,} rows applied of {len(rows):,}")


AHEAD = {"1": True, "0": False}.get(os.environ.get("BENCH_SYNC_AHEAD", ""))
PART = 10  # bundles to one `district import`: a stick brought in from several villages


def _rows_of(rows: list, i: int) -> list:
    return rows[i * CHANGES_PER_VILLAGE:(i + 1) * CHANGES_PER_VILLAGE]


def main() -> int:
    from cunwu.district.store import District

    _keyring()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if os.environ.get("BENCH_SYNC_EXPORT", "1") != "0":
            bench_export(tmp / "export")
        bench_import("SQLite", lambda name: District.create(tmp / f"sqlite-{name}", "330106", "西湖区"),
                     tmp, 2.0)
        import pg_support

        if pg_support.available():
            server = pg_support.Server().start()
            try:
                bench_import("PostgreSQL", lambda name: District.create(
                    tmp / f"pg-{name}", "330106", "西湖区", db_url=server.create_database(f"bench_{name}")),
                    tmp, 1.0)
            finally:
                server.stop()
        else:
            failures.append("PostgreSQL binaries not installed: import not measured there")
    for f in failures:
        print("MISSED:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
