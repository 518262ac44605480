"""Benchmark: points with 30,000 people and 1,000,000 ledger entries.

Measures a person's balance, all balances, the yearly ranking and a redemption, each beside
its floor in the same run (an empty read, a raw read of the same rows, an empty write
transaction). Prints the figures; exits 1 when a target is missed.

Targets: a balance ≤ 5 ms, all balances ≤ 500 ms, the yearly ranking ≤ 500 ms, a redemption
≤ 20 ms. The million entries are written in bulk through the unit of work (change log and
guards included, services bypassed), then the balance tables are rebuilt from them; the
store is kept in the temporary folder between runs (BENCH_POINTS_FRESH=1 makes a new one).

Run: python tests/benchmarks/bench_points.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import timed

PEOPLE = 30_000
HOUSEHOLDS = 10_000
ENTRIES = 1_000_000
CHUNK = 50_000
PASSWORD = "bench-pass-1"
TARGETS = {"balance": 0.005, "balances": 0.5, "ranking": 0.5, "redeem": 0.020}


def _folder() -> Path:
    from cunwu.store import schema

    return Path(tempfile.gettempdir()) / f"cunwu-bench-points-{schema.describe_heads()}"


def build(folder: Path) -> None:
    from cunwu import clock
    from cunwu.domain.households import Household
    from cunwu.domain.points import PointsEntry
    from cunwu.domain.residents import Person
    from cunwu.services import points_rules
    from cunwu.services.accounts import add_user
    from cunwu.services.points_ledger import rebuild_totals
    from cunwu.services.village import admin_actor, init_village

    rng = random.Random(7)
    t0 = time.perf_counter()
    store = init_village(folder, admin="admin", password=PASSWORD, code="330106001001",
                         name="青山村", district_code="330106")
    admin = admin_actor(store, "admin")
    add_user(store, admin, "clerk", "clerk", PASSWORD)
    now = clock.now_utc()
    homes = [Household(number=f"{i:05d}", created_at=now) for i in range(HOUSEHOLDS)]
    people = [Person(name=f"村民{i}", household_uuid=homes[i % HOUSEHOLDS].uuid, created_at=now,
                     birth_date=dt.date(1950 + i % 50, 1, 1)) for i in range(PEOPLE)]
    with store.write(admin, "bench.people") as uow:
        uow.add_many(Household, homes)
        uow.add_many(Person, people)
    points_rules.add_rules(store, admin, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                     "unit": "次"}], "2024-01-01")
    rule = points_rules.rules(store)[0].uuid
    start = dt.date(2024, 1, 1)
    written = 0
    while written < ENTRIES:
        batch = []
        for _ in range(min(CHUNK, ENTRIES - written)):
            p = people[rng.randrange(PEOPLE)]
            batch.append(PointsEntry(person_uuid=p.uuid, household_uuid=p.household_uuid,
                                     kind="earn", points=rng.choice((2, 3, 5, 5, 10)),
                                     dated=start + dt.timedelta(days=rng.randrange(1050)),
                                     ranked=True, rule_uuid=rule, reason="参加环境整治",
                                     entered_at=now, entered_by="admin"))
        with store.write(admin, "bench.ledger") as uow:
            uow.add_many(PointsEntry, batch)
        written += len(batch)
        print(f"  {written:,} entries ({time.perf_counter() - t0:.0f} s)", flush=True)
    with store.write(admin, "bench.rebuild") as uow:
        rebuild_totals(uow.session)
    store.close()
    print(f"built in {time.perf_counter() - t0:.0f} s")


def main() -> int:
    from cunwu.services import points_ledger, points_shop
    from cunwu.services.village import admin_actor
    from cunwu.store import Store

    folder = _folder()
    if os.environ.get("BENCH_POINTS_FRESH") or not (folder / "cunwu.sqlite3").exists():
        shutil.rmtree(folder, ignore_errors=True)
        build(folder)
    store = Store.open(folder)
    clerk = admin_actor(store, "clerk")
    with store.read() as s:
        conn = s.connection()
        n_entries = conn.exec_driver_sql("SELECT count(*) FROM points_ledger").scalar()
        people = [r[0] for r in conn.exec_driver_sql(
            "SELECT owner_uuid FROM points_balances WHERE owner_kind = 'person' "
            "AND balance >= 10 ORDER BY owner_uuid")]
    rng = random.Random(11)
    if not any(g.name == "洗衣粉" for g in points_shop.goods_list(store)):  # kept from a run before
        points_shop.add_goods(store, clerk, name="洗衣粉", price=1, stock=10_000_000)
    year = "2026"

    def empty_read():
        with store.read() as s:
            s.connection().exec_driver_sql("SELECT 1").scalar()

    def raw_rows(sql):
        def run():
            with store.read() as s:
                s.connection().connection.driver_connection.execute(sql).fetchall()
        return run

    def empty_write():
        with store.write(clerk, "bench.nothing"):
            pass

    for fn in (empty_read, lambda: points_ledger.balance(store, people[0])):
        fn()  # warm
    rows = {
        "balance": (timed(lambda: points_ledger.balance(store, rng.choice(people)), 300),
                    timed(empty_read, 300), "one person; floor: an empty read"),
        "balances": (timed(lambda: points_ledger.balances(store), 7),
                     timed(raw_rows("SELECT owner_uuid, balance FROM points_balances "
                                    "WHERE owner_kind = 'person'"), 7),
                     f"{PEOPLE:,} people with names; floor: the raw balance rows"),
        "ranking": (timed(lambda: points_ledger.ranking(store, year), 7),
                    timed(raw_rows(f"SELECT owner_uuid, earned FROM points_totals WHERE "
                                   f"owner_kind = 'person' AND period = '{year}' "
                                   f"ORDER BY earned DESC"), 7),
                    f"year {year}, ranks and levels; floor: the raw sorted totals"),
        "redeem": (timed(lambda: points_shop.redeem(store, clerk, rng.choice(people),
                                                    [("洗衣粉", 1)]), 60),
                   timed(empty_write, 60), "balance and stock checked, 4 records, audit; "
                                           "floor: an empty write transaction"),
    }
    store.close()
    print(f"\nPoints: {PEOPLE:,} people, {n_entries:,} ledger entries")
    print(f"  {'':9} {'median':>10} {'p90':>10} {'floor':>10} {'ratio':>6} {'target':>9}  note")
    ok = True
    for name, (samples, floor, note) in rows.items():
        med = statistics.median(samples)
        high = statistics.quantiles(samples, n=10)[-1]
        base = statistics.median(floor)
        hit = med <= TARGETS[name]
        ok &= hit
        print(f"  {name:9} {med * 1000:8.2f}ms {high * 1000:8.2f}ms {base * 1000:8.2f}ms "
              f"{med / base:6.1f} {TARGETS[name] * 1000:7.0f}ms  {note}{'' if hit else '  MISSED'}")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
