"""Residents at scale: importing a 50,000-row xlsx against a floor measured in the same run
(python-calamine read + one raw executemany into an empty SQLite table) and against the
store's own writes of the same rows, search p95 on
100,000 people, the residents window on 100,000 people, and peak resident memory.

Run: .venv/bin/python tests/benchmarks/bench_residents.py   (prints figures; no asserts)
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = int(os.environ.get("BENCH_ROWS", "50000"))
HEADER = ["姓名", "身份证号", "性别", "出生日期", "民族", "联系电话", "与户主关系", "户号",
          "村民小组", "家庭住址", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟强磊军勇杰涛明超刚平辉建国华峰斌波宇浩志鹏俊飞海林东文亮成春德福生祥荣芳娜敏静丽艳娟霞秀英兰萍红梅玲燕云莲凤琴慧珍雪"


def roster_rows(n: int, seed: int, household_offset: int = 0):
    from cunwu.domain.idnumbers import make

    rng = random.Random(seed)
    used: dict[dt.date, int] = {}
    rows = []
    for i in range(n):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 33000))
        k = used.get(born, 0)
        used[born] = k + 1
        male = rng.random() < 0.5
        seq = 2 * k + (1 if male else 2) + (seed % 2) * 500
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        hh = household_offset + i // 3 + 1
        rows.append([name, make("330106", born, seq), "男" if male else "女", born.isoformat(),
                     "汉族", f"138{rng.randint(10000000, 99999999)}", "户主" if i % 3 == 0 else "子",
                     f"{hh:06d}", f"{hh % 12 + 1}组", f"青山村{hh % 12 + 1}组{hh}号", ""])
    return rows


def write_xlsx(path: Path, rows) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)


def floor(path: Path, folder: Path) -> float:
    """Reading the same file with calamine plus a raw executemany of the same tuples."""
    import python_calamine as pc

    db = folder / f"floor-{time.perf_counter_ns()}.sqlite3"
    t0 = time.perf_counter()
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    conn = sqlite3.connect(db)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(HEADER)))})")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(HEADER))})",
                     [tuple(r) for r in rows[1:]])
    conn.commit()
    conn.close()
    return time.perf_counter() - t0


def store_floor(path: Path, folder: Path, rows) -> float:
    """What the store itself must write for the same file, with every value computed
    beforehand (so no parsing, checking, JSON or hashing is timed): the calamine read, the
    change-log entries, the persons through their indexes and guard triggers, the search
    index, one commit. Shows how much of an import is the store's promises, not Python."""
    import hashlib
    import json

    import python_calamine as pc

    from cunwu.services.search import index_row
    from cunwu.services.village import init_village
    from cunwu.store.tables import new_uuids

    store = init_village(folder / f"sfloor-{time.perf_counter_ns()}", code="330106001001",
                         name="青山村", district_code="330106", admin="admin", password="bench-pass-1")
    db = store.paths.db
    store.close()
    names = ["uuid", "row_version", "name", "id_number", "sex", "birth_date", "ethnicity", "phone",
             "household_uuid", "relation", "status", "status_since", "party_member", "notes",
             "created_at", "created_by"]
    people, logs, fts, chain = [], [], [], bytes(32)
    for i, (r, u) in enumerate(zip(rows, new_uuids(len(rows)))):
        p = [u, 1, r[0], r[1], r[2], r[3], r[4], r[5], None, r[6], "户籍在册", None, 0, r[10],
             "2026-11-22 00:00:00.000000", "admin"]
        text = json.dumps(dict(zip(names, p)), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        chain = hashlib.sha256(chain + text.encode()).digest()
        people.append(p)
        logs.append((i + 10, "persons", u, "upsert", 1, text, chain.hex()))
        fts.append((i + 1, *index_row(r[0], r[1])))
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "temp_store=MEMORY",
                   "cache_size=-65536"):
        conn.execute(f"PRAGMA {pragma}")
    columns = ", ".join(names)
    t0 = time.perf_counter()
    pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO change_log (log_seq, entity, uuid, op, row_version, row, chain) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", logs)
    conn.execute(f"CREATE TEMP TABLE stage AS SELECT {columns} FROM persons WHERE 0")
    conn.executemany(f"INSERT INTO stage VALUES ({', '.join('?' * len(names))})", people)
    conn.execute(f"INSERT INTO persons ({columns}) SELECT {columns} FROM stage")
    conn.executemany("INSERT INTO person_search (id, person_uuid) VALUES (?, ?)",
                     [(i + 1, p[0]) for i, p in enumerate(people)])
    conn.executemany("INSERT INTO person_fts (rowid, name, pinyin, initials, id_number, name3, "
                     "initials3) VALUES (?, ?, ?, ?, ?, ?, ?)", fts)
    conn.execute("COMMIT")
    took = time.perf_counter() - t0
    conn.close()
    return took


def import_once(path: Path, folder: Path):
    from cunwu.services.roster_import import import_roster
    from cunwu.services.village import admin_actor, init_village

    store = init_village(folder / f"store-{time.perf_counter_ns()}", code="330106001001",
                         name="青山村", district_code="330106", admin="admin", password="bench-pass-1")
    actor = admin_actor(store, "admin")
    t0 = time.perf_counter()
    result = import_roster(store, actor, path)
    took = time.perf_counter() - t0
    assert result.imported == ROWS and not result.rejected, result.rejected[:3]
    return store, actor, took


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def bench_search(store, names: list[str], numbers: list[str]) -> dict[str, list[float]]:
    from cunwu.services.people import PersonQuery, page
    from cunwu.services.search import pinyin

    rng = random.Random(7)
    queries = {
        "name substring (1-3 chars)": [n[s:s + rng.randint(1, 3)] for n in rng.sample(names, 300)
                                       for s in [rng.randint(0, max(len(n) - 1, 0))]],
        "pinyin initials": [pinyin(n)[1] for n in rng.sample(names, 300)],
        "ID fragment (last 6)": [x[-6:] for x in rng.sample(numbers, 300)],
    }
    out = {}
    with store.read() as s:
        for label, qs in queries.items():
            times = []
            for q in qs:
                t0 = time.perf_counter()
                rows = page(s, PersonQuery(search=q), limit=50)
                times.append(time.perf_counter() - t0)
                assert rows, q
            out[label] = times
    return out


def bench_window(store) -> tuple[float, float, float, int] | None:
    """First page, then every page to the end, as the window does it: automatic garbage
    collection off and the window's own collector checking between pages (timed apart)."""
    try:
        from PySide6.QtWidgets import QApplication

        from cunwu.ui.collector import GuiThreadCollector
        from cunwu.ui.residents.model import PeopleModel
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    collector = GuiThreadCollector()
    collector.settle()  # as the window does once it is built
    try:
        t0 = time.perf_counter()
        model = PeopleModel(store)
        model.set_query(model.query)  # first page, as the page does on opening
        app.processEvents()
        first = time.perf_counter() - t0
        worst = worst_gc = 0.0
        while model.canFetchMore():
            t1 = time.perf_counter()
            model.fetchMore()
            worst = max(worst, time.perf_counter() - t1)
            t2 = time.perf_counter()
            collector.check()
            worst_gc = max(worst_gc, time.perf_counter() - t2)
        return first, worst, worst_gc, model.rowCount()
    finally:
        collector.stop()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = roster_rows(ROWS, seed=1)
        path = folder / "roster.xlsx"
        write_xlsx(path, rows)
        floors, imports = [], []
        gc.collect()
        gc.freeze()  # the benchmark's own rows are not the importer's to walk
        for _ in range(2):
            floors.append(floor(path, folder))
        store, actor, took = import_once(path, folder)
        imports.append(took)
        peak_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        written = min(store_floor(path, folder, rows) for _ in range(2))
        print(f"\nImport of {ROWS:,} rows (xlsx, {path.stat().st_size / 1e6:.1f} MB)")
        f = min(floors)
        print(f"  floor (calamine read + raw executemany): {f:6.2f} s")
        print(f"  the store's own writes alone, every value computed beforehand (read, change "
              f"log, persons with indexes and guard, search index, commit): {written:6.2f} s"
              f"  = {written / f:4.1f}x the floor")
        print(f"  cunwu import (one transaction, change log, audit, search index): {took:6.2f} s"
              f"  = {took / f:4.1f}x the floor (target <= 2.0x), {took / written:4.1f}x the "
              f"store's own writes")

        second = folder / "roster2.xlsx"
        more = roster_rows(100_000 - ROWS, seed=2, household_offset=ROWS)
        write_xlsx(second, more)
        from cunwu.services.roster_import import import_roster

        t0 = time.perf_counter()
        result = import_roster(store, actor, second)
        print(f"  a second {len(more):,} rows into the {ROWS:,} already stored: "
              f"{time.perf_counter() - t0:6.2f} s ({result.imported:,} new)")

        names = [r[0] for r in rows + more]
        numbers = [r[1] for r in rows + more]
        print(f"\nSearch on {len(names):,} people, first page of 50 (target p95 <= 15 ms)")
        for label, times in bench_search(store, names, numbers).items():
            print(f"  {label:28}  median {statistics.median(times) * 1000:6.2f} ms"
                  f"  p95 {p95(times) * 1000:6.2f} ms  max {max(times) * 1000:6.2f} ms")

        store.close()
        # The window in a process of its own, as it runs: its memory is then its own.
        import subprocess

        subprocess.run([sys.executable, __file__, "--window", str(store.paths.data_dir)], check=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak resident memory of the import process: {peak_import:.0f} MB after the first "
          f"import ({rss:.0f} MB at the end, with the benchmark's own {len(names):,} generated "
          f"rows and reference runs)")


def peak_mb() -> float:
    """This process's peak resident memory. Not getrusage: on Linux its ru_maxrss carries
    the parent's figure across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def window_main(data_dir: str) -> None:
    from cunwu.store.store import Store

    store = Store.open(Path(data_dir))
    window = bench_window(store)
    if window:
        first, worst, worst_gc, count = window
        rss = peak_mb()
        print(f"\nWindow model on {count:,} people: first rows {first * 1000:.0f} ms "
              f"(target <= 1000 ms); slowest page fetch while scrolling to the end "
              f"{worst * 1000:.1f} ms (target <= 50 ms); slowest garbage collection by the "
              f"window's collector meanwhile {worst_gc * 1000:.1f} ms; peak resident memory "
              f"{rss:.0f} MB (target <= 300 MB)")
    else:
        print("\nWindow model: not available")
    store.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--window"]:
        window_main(sys.argv[2])
    else:
        main()
