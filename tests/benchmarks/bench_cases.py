"""Benchmark: the home page with 10,000 open cases (工单), a tenth of them overdue and a
hundred the clerk's own, beside 2,000 people.

Measures the whole home page (every subject's provider) and the cases' provider alone, each
beside an empty read in the same run; prints median, p90 and the median as a share of the
target (ratio ≤ 1.0 is within it). Exits 1 when the target is missed.

Target: the home page ≤ 200 ms. The cases are written in bulk through the unit of work
(change log and guards included, services bypassed).

Run: python tests/benchmarks/bench_cases.py
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
from pathlib import Path

from benchlib import timed

CASES = 10_000
PEOPLE = 2_000
PASSWORD = "bench-pass-1"
TARGET = 0.200
TODAY = dt.date(2026, 11, 22)


def build(folder: Path):
    from cunwu import clock
    from cunwu.domain import cases as c
    from cunwu.domain.households import Household
    from cunwu.domain.residents import Person
    from cunwu.services.accounts import add_user
    from cunwu.services.village import admin_actor, init_village

    rng = random.Random(7)
    store = init_village(folder, admin="admin", password=PASSWORD, code="330106001001",
                         name="青山村", district_code="330106")
    admin = admin_actor(store, "admin")
    add_user(store, admin, "clerk", "clerk", PASSWORD)
    now = clock.now_utc()
    homes = [Household(number=f"{i:05d}", created_at=now) for i in range(PEOPLE // 3)]
    people = [Person(name=f"村民{i}", household_uuid=homes[i % len(homes)].uuid, created_at=now,
                     birth_date=dt.date(1950 + i % 50, 1, 1)) for i in range(PEOPLE)]
    rows = []
    for i in range(CASES):
        p = people[rng.randrange(PEOPLE)]
        opened = TODAY - dt.timedelta(days=rng.randrange(30))
        late = i % 10 == 0
        rows.append(c.Case(
            number=f"GD-2026-{i + 1:05d}", village_code="330106001001", person_uuid=p.uuid,
            household_uuid=p.household_uuid, subject_name=p.name,
            category=rng.choice(c.CATEGORIES), title="困难救助", status=rng.choice(c.OPEN[1:]),
            handler_kind="account", handler="clerk" if i % 100 == 1 else "admin",
            opened_on=opened, opened_by="admin",
            due=TODAY - dt.timedelta(days=1 + rng.randrange(20)) if late
            else TODAY + dt.timedelta(days=1 + rng.randrange(30))))
    with store.write(admin, "bench.cases") as uow:
        uow.add_many(Household, homes)
        uow.add_many(Person, people)
        uow.add_many(c.Case, rows)
    return store


def main() -> int:
    import os

    os.environ["CUNWU_TODAY"] = TODAY.isoformat()
    from cunwu.services import cases_queries, home
    from cunwu.services.village import admin_actor

    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp))
        clerk = admin_actor(store, "clerk")

        def empty_read():
            with store.read() as s:
                s.connection().exec_driver_sql("SELECT 1").scalar()

        items = home.home_items(store, clerk, TODAY)  # warm
        assert items and items[0]["first"], "my and overdue cases come first"
        rows = {"home page": timed(lambda: home.home_items(store, clerk, TODAY), 21),
                "cases only": timed(lambda: cases_queries.home_items(store, clerk, TODAY), 21)}
        floor = statistics.median(timed(empty_read, 21))
        store.close()
    print(f"\nHome page: {CASES:,} open cases, {CASES // 10:,} overdue, {len(items)} items shown")
    print(f"  {'':11} {'median':>10} {'p90':>10} {'floor':>10} {'ratio':>6} {'target':>9}")
    ok = True
    for name, samples in rows.items():
        med, high = statistics.median(samples), statistics.quantiles(samples, n=10)[-1]
        hit = med <= TARGET
        ok &= hit
        print(f"  {name:11} {med * 1000:8.1f}ms {high * 1000:8.1f}ms {floor * 1000:8.2f}ms "
              f"{med / TARGET:6.2f} {TARGET * 1000:7.0f}ms{'' if hit else '  MISSED'}")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
