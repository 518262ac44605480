"""Benchmark: the district workbench over 200 villages x 5,000 residents (1,000,000 people), on
SQLite and on PostgreSQL.

The rows go in bulk straight into the district's store as imports would leave them: `records`
through the importer's own upsert, the people index through `people_index.update`, each
village's figures through `figures_table.refresh`. Then each page is asked for through the
workbench's app in this process, logged in as an officer, and timed from request to response
(the server's time: guard, handler, template; no network):

    总览 (/)                         ≤ 300 ms
    村详情 (/villages/CODE)          ≤ 200 ms
    人员查询 by ID number (/people)  ≤  50 ms
    跨村核查 (/cross-check?run=1)    ≤ 2 s

and, apart, the first 总览 of a day, which computes every village's figures again. Prints
median, p90 and the median's ratio to its target (≤ 1.0 is within it); exits 1 when a target
is missed.

Run: python tests/benchmarks/bench_district.py [sqlite|postgresql ...]
     (CUNWU_BENCH_VILLAGES / CUNWU_BENCH_RESIDENTS scale it down for a quick look;
      CUNWU_BENCH_KEEP=DIR keeps the SQLite district there and measures it again next time)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid as _uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent), str(HERE)]

from benchlib import timed  # noqa: E402

VILLAGES = int(os.environ.get("CUNWU_BENCH_VILLAGES", 200))
RESIDENTS = int(os.environ.get("CUNWU_BENCH_RESIDENTS", 5_000))
TARGETS = {"overview": 0.300, "village page": 0.200, "ID lookup": 0.050, "cross-village check": 2.0}
RUNS = {"overview": 15, "village page": 15, "ID lookup": 25, "cross-village check": 5}
DAY = dt.date(2026, 11, 22)
PASSWORD = "bench-password-1"
SHARED = 20  # people on two villages' rosters, half of them holding 低保 in both


def _village_rows(rng: random.Random, v: int, code: str, shared: list[dict]) -> dict[str, list[dict]]:
    """One village's rows by entity, as the village would send them."""
    from cunwu.domain.idnumbers import make

    now = "2026-01-05T08:00:00+00:00"
    out: dict[str, list[dict]] = {e: [] for e in (
        "village", "households", "persons", "person_tags", "visits", "monitoring_settings",
        "points_ledger", "meetings", "matters")}
    out["village"].append({"uuid": str(_uuid.uuid4()), "code": code, "name": f"{v + 1}村",
                           "district_code": "330106", "created_at": "2025-01-01T00:00:00+00:00"})
    out["monitoring_settings"].append({"uuid": str(_uuid.uuid4()), "village_code": code, "elderly_age": 80,
                                       "visit_days": 30, "review_notice_days": 30, "child_age": 16})
    homes = [str(_uuid.uuid4()) for _ in range(RESIDENTS // 4)]
    for h, hh in enumerate(homes):
        out["households"].append({"uuid": hh, "number": f"{h + 1:05d}", "address": f"{h % 9 + 1}组",
                                  "group_name": f"{h % 9 + 1}组", "notes": "", "created_at": now})
    base = dt.date(1925, 1, 1)
    for i in range(RESIDENTS):
        n = v * RESIDENTS + i  # unique across the district: a birth day and a sequence number
        birth = base + dt.timedelta(days=n % 36_000)
        status = rng.choices(("户籍在册", "外出务工", "死亡", "迁出"), (95, 3, 1, 1))[0]
        relation = ("户主", "配偶", "子", "女")[i % 4]
        p = {"uuid": str(_uuid.uuid4()), "name": f"村民{i}", "id_number": make("330106", birth, n // 36_000 % 999 + 1),
             "status": status, "status_since": "2026-06-01" if status in ("死亡", "迁出") else None,
             "birth_date": birth.isoformat(), "sex": "男" if i % 2 == 0 else "女", "ethnicity": "汉族",
             "household_uuid": homes[i // 4 % len(homes)], "relation": relation, "phone": "", "notes": "",
             "party_member": False, "created_at": now, "created_by": "clerk"}
        out["persons"].append(p)
        tags = []
        if relation == "户主" and rng.random() < 0.16:
            tags.append(("低保", {"covered": 3, "monthly_amount": "1680.00"}))
        if rng.random() < 0.02:
            tags.append(("残疾", {"two_subsidies": rng.random() < 0.5, "level": rng.choice(("一级", "二级", "三级"))}))
        if rng.random() < 0.005:
            tags.append(("特困供养", {}))
        if rng.random() < 0.01:
            tags.append(("独居老人", {}))
            if rng.random() < 0.5:
                out["visits"].append({"uuid": str(_uuid.uuid4()), "person_uuid": p["uuid"],
                                      "visited_on": "2026-10-01", "visitor": "clerk", "notes": ""})
        if relation in ("子", "女") and rng.random() < 0.02:
            tags.append(("留守儿童", {}))
        for tag, data in tags:
            out["person_tags"].append({"uuid": str(_uuid.uuid4()), "person_uuid": p["uuid"], "tag": tag,
                                       "since": "2025-03-01", "until": None,
                                       "review_due": "2026-12-01" if tag == "低保" else None,
                                       "data": json.dumps(data, ensure_ascii=False), "notes": ""})
    for s in shared:  # the cross-village cases: someone on this roster too
        p = dict(s["person"], uuid=str(_uuid.uuid4()), household_uuid=homes[0])
        out["persons"].append(p)
        if s["dibao"]:
            out["person_tags"].append({"uuid": str(_uuid.uuid4()), "person_uuid": p["uuid"], "tag": "低保",
                                       "since": "2025-03-01", "until": None, "review_due": None,
                                       "data": "{}", "notes": ""})
    for i in range(200):
        out["points_ledger"].append({"uuid": str(_uuid.uuid4()), "points": 5, "kind": "earn", "ranked": True})
    for i in range(6):
        out["meetings"].append({"uuid": str(_uuid.uuid4()), "held_at": f"2026-{10 + i % 2}-0{i + 1}T09:00:00",
                                "status": "closed"})
        out["matters"].append({"uuid": str(_uuid.uuid4()), "title": f"事项{i}", "status": "in_progress"})
    return out


def build(d) -> list[str]:
    """Every village's rows, index and figures; returns the ID numbers to look up."""
    import sqlalchemy as sa

    from cunwu.district import figures_table, people_index, records_io
    from cunwu.district.schema import villages
    from cunwu.district.store import GENESIS_HEX

    rng = random.Random(17)
    wanted: list[str] = []
    shared: list[dict] = []
    started = time.perf_counter()
    for v in range(VILLAGES):
        code = f"330106{v // 100 + 1:03d}{v % 100 + 1:03d}"
        mine = [s for s in shared if s["with"] == v]
        rows = _village_rows(rng, v, code, mine)
        if v % 10 == 0:  # the next villages will hold some of this one's people too
            for k in range(SHARED * 10 // VILLAGES or 1):
                shared.append({"person": rows["persons"][k * 8], "dibao": k % 2 == 0,
                               "with": min(v + 1 + k % 9, VILLAGES - 1)})
        wanted.append(rows["persons"][rng.randrange(RESIDENTS)]["id_number"])
        values, seq = [], 0
        for entity, found in rows.items():
            for r in found:
                seq += 1
                values.append((code, entity, r["uuid"], 1, False, seq,
                               json.dumps(r | {"row_version": 1}, ensure_ascii=False, sort_keys=True)))
        with d.engine.begin() as conn:
            conn.execute(villages.insert(), {"code": code, "name": f"{v + 1}村", "enrolled_at": "2026-01-01T00:00:00+00:00",
                                             "last_seq": 1, "last_envelope_sha256": "", "last_log_seq": seq,
                                             "last_chain": GENESIS_HEX,
                                             "last_import_at": f"2026-11-{1 + v % 20:02d}T08:00:00+00:00"})
            records_io.upsert_rows(conn, records_io.ready(code, sorted(values), d.engine.dialect.name))
            for entity in people_index.ENTITIES:
                people_index.update(conn, code, entity, sorted(r["uuid"] for r in rows[entity]))
            figures_table.refresh(conn, code, DAY)
        if v % 20 == 19:
            print(f"  {v + 1} villages written ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    if d.engine.dialect.name == "postgresql":  # what autovacuum does after a bulk load
        with d.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    return wanted


def _kept_ids(d) -> list[str]:
    import sqlalchemy as sa

    from cunwu.district.schema import people, users

    with d.engine.begin() as conn:
        conn.execute(users.delete())  # the accounts are made again
        return list(conn.execute(sa.select(people.c.id_number).where(people.c.uuid.like("%0")).limit(200)).scalars())


def measure(d, wanted: list[str]) -> tuple[dict[str, list[float]], float]:
    from unittest import mock

    import sqlalchemy as sa

    from cunwu.district import accounts
    from cunwu.district.schema import figures
    from district_support import web_client, web_login
    import support

    accounts.add_user(d, None, "admin", "admin", PASSWORD)
    accounts.add_user(d, accounts.DistrictUser("admin", "admin"), "officer1", "officer", PASSWORD)
    support.PASSWORD = PASSWORD
    ids = iter(wanted * 10)

    def get(client, path, must="", never="\0"):
        r = client.get(path)
        assert r.status_code == 200 and must in r.text and never not in r.text, (path, r.status_code)

    with mock.patch.dict(os.environ, {"CUNWU_TODAY": DAY.isoformat()}):
        client = web_login(web_client(d), "officer1")
        village = "330106001001"
        rows = {
            "overview": timed(lambda: get(client, "/", "合计"), RUNS["overview"], warm=True),
            "village page": timed(lambda: get(client, f"/villages/{village}", "待办提醒"), RUNS["village page"], warm=True),
            "ID lookup": timed(lambda: get(client, f"/people?id_number={next(ids)}", "村民"), RUNS["ID lookup"], warm=True),
            "cross-village check": timed(lambda: get(client, "/cross-check?run=1", "在多个村在册（", "在册（0）"),
                                         RUNS["cross-village check"], warm=True),
        }
        with d.engine.begin() as conn:  # yesterday's figures: the first request of a day computes them all
            conn.execute(figures.update().values(day=(DAY - dt.timedelta(days=1)).isoformat()))
        t = time.perf_counter()
        get(client, "/", "合计")
        first = time.perf_counter() - t
        with d.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(figures).where(
                figures.c.day == DAY.isoformat())).scalar() == VILLAGES
    return rows, first


def run(kind: str) -> bool:
    import pg_support
    from cunwu.district.store import District

    server = None
    keep = os.environ.get("CUNWU_BENCH_KEEP") if kind == "sqlite" else None
    with tempfile.TemporaryDirectory() as tmp:
        url, folder = None, Path(keep or tmp) / "district"
        if kind == "postgresql":
            server = pg_support.Server().start()
            url = server.create_database("district")
        try:
            kept = folder.exists()
            d = (District.open(folder, passphrase=lambda: "bench passphrase") if kept else
                 District.create(folder, "330106", "西湖区民政", url, passphrase=lambda: "bench passphrase"))
            try:
                t = time.perf_counter()
                wanted = _kept_ids(d) if kept else build(d)
                built = time.perf_counter() - t
                rows, first = measure(d, wanted)
            finally:
                d.close()
        finally:
            if server is not None:
                server.stop()
    print(f"\nDistrict workbench on {kind}: {VILLAGES} villages x {RESIDENTS:,} residents "
          f"({VILLAGES * RESIDENTS:,} people; rows written in {built:.0f} s)")
    print(f"  {'':<22}{'median':>10}{'p90':>10}{'target':>10}{'ratio':>8}")
    ok = True
    for name, values in rows.items():
        med, p90 = statistics.median(values), sorted(values)[max(0, int(len(values) * 0.9) - 1)]
        ratio = med / TARGETS[name]
        ok &= ratio <= 1.0
        print(f"  {name:<22}{med * 1000:>8.1f}ms{p90 * 1000:>8.1f}ms{TARGETS[name] * 1000:>8.0f}ms{ratio:>8.2f}")
    print(f"  first overview of a day (every village's figures computed again): {first:.1f} s")
    return ok


def main(argv: list[str]) -> int:
    kinds = argv or ["sqlite", "postgresql"]
    ok = True
    for kind in kinds:
        ok &= run(kind)
    print("OK" if ok else "A target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
