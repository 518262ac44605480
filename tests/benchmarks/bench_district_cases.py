"""Benchmark: the district's case list (工单 per village, the escalation queue, the overdue
list) over 200 villages holding 50 cases each, beside 2,000 other rows per village.

Rows go straight into the district's `records` as an import would leave them. Prints median
and p90 of `district.cases.overview` and exits 1 when the median misses the target.

Target: ≤ 300 ms. Run: python tests/benchmarks/bench_district_cases.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

VILLAGES, CASES, OTHER = 200, 50, 2_000
TARGET = 0.300
STATUSES = ("待派单", "已派单", "处置中", "已上报", "已办结", "已回访")


def build(folder: Path):
    import sqlalchemy as sa

    from cunwu.district.schema import records, villages
    from cunwu.district.store import GENESIS_HEX, District

    rng = random.Random(3)
    d = District.create(folder, "330106", "西湖区民政", passphrase=lambda: "bench passphrase")
    day = dt.date(2026, 11, 22)
    with d.engine.begin() as conn:
        for v in range(VILLAGES):
            code = f"330106{v + 1:03d}001"
            conn.execute(villages.insert(), {"code": code, "name": f"{v + 1}村", "enrolled_at": "2026-01-01",
                                             "last_seq": 1, "last_envelope_sha256": "", "last_log_seq": 1,
                                             "last_chain": GENESIS_HEX})
            rows = []
            for i in range(CASES):
                u = str(uuid.uuid4())
                due = day + dt.timedelta(days=rng.randint(-20, 20))
                row = {"uuid": u, "number": f"GD-2026-{i + 1:04d}", "village_code": code,
                       "subject_name": "某某", "category": "低保", "severity": "一般", "source": "alert",
                       "title": "复核", "status": rng.choice(STATUSES), "handler": "clerk",
                       "opened_on": "2026-10-01", "due": due.isoformat(), "closed_on": None,
                       "result": "", "decision": "", "row_version": 1}
                rows.append({"village": code, "entity": "cases", "uuid": u, "row_version": 1,
                             "deleted": False, "log_seq": i + 1, "row": json.dumps(row, ensure_ascii=False)})
            for i in range(OTHER):
                u = str(uuid.uuid4())
                rows.append({"village": code, "entity": "persons", "uuid": u, "row_version": 1,
                             "deleted": False, "log_seq": CASES + i + 1,
                             "row": json.dumps({"uuid": u, "name": "某某"})})
            conn.execute(records.insert(), rows)
    with d.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(records)).scalar() == VILLAGES * (CASES + OTHER)
    return d, day


def main() -> int:
    from cunwu.district import cases

    with tempfile.TemporaryDirectory() as tmp:
        d, day = build(Path(tmp) / "district")
        try:
            cases.overview(d, day)  # warm the cache as a running server would be
            times = []
            for _ in range(15):
                t = time.perf_counter()
                got = cases.overview(d, day)
                times.append(time.perf_counter() - t)
        finally:
            d.close()
    med = statistics.median(times)
    p90 = sorted(times)[int(len(times) * 0.9) - 1]
    print(f"district case list, {VILLAGES} villages x {CASES} cases: median {med * 1000:.0f} ms, "
          f"p90 {p90 * 1000:.0f} ms, target {TARGET * 1000:.0f} ms, ratio {med / TARGET:.2f}; "
          f"{got['totals']['open']} open, {len(got['queue'])} escalated, {len(got['overdue'])} overdue")
    return 0 if med <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
