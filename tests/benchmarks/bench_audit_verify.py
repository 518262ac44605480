"""The data integrity check (`cunwu audit verify`) on the demo village and on 100,000
residents, against its target of 10 s at 100,000 residents.

Each store is built once (the demo by `create_demo`; the residents by importing the
residents benchmark's generated roster), then services.audit.check runs BENCH_RUNS times
in this process (default 3) and each check's share is printed beside the whole.

Run: .venv/bin/python tests/benchmarks/bench_audit_verify.py   (prints figures; exits 1
when the 100,000-resident check misses its target)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RESIDENTS = int(os.environ.get("BENCH_ROWS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TARGET = 10.0  # seconds, at 100,000 residents
PASSWORD = "bench-pass-1"


def parts(store) -> dict[str, float]:
    """Each step of the check timed on its own (the same functions check() calls)."""
    from cunwu.services.audit import _receipted, _receipts_without_audit
    from cunwu.services.points_ledger import totals_not_matching
    from cunwu.store.guards import APPEND_ONLY
    from cunwu.store.models import APPEND_ONLY_RECORDS, synced_models
    from cunwu.store.verify import (compare_rows, expected_triggers, first_broken_audit, scan_log,
                                    trigger_findings)

    out = {}
    with store.read() as s:
        t = time.perf_counter()
        first_broken_audit(s)
        out["audit chain"] = time.perf_counter() - t
        t = time.perf_counter()
        log = scan_log(s)
        out["change-log chain (one pass)"] = time.perf_counter() - t
        t = time.perf_counter()
        compare_rows(s, synced_models(), log.newest)
        out["rows against the log"] = time.perf_counter() - t
        t = time.perf_counter()
        totals_not_matching(s)
        out["points totals against the ledger"] = time.perf_counter() - t
        t = time.perf_counter()
        trigger_findings(s, expected_triggers([m.__tablename__ for m in synced_models()],
                                              APPEND_ONLY + APPEND_ONLY_RECORDS))
        _receipted(s)
        _receipts_without_audit(s)
        out["triggers and receipts"] = time.perf_counter() - t
    return out


def measure(label: str, store) -> float:
    from cunwu.services.audit import check

    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = check(store)
        times.append(time.perf_counter() - t0)
        assert result["ok"], [c for c in result["checks"] if not c["ok"]]
    median = statistics.median(times)
    print(f"\n{label}: {result['change_log_entries']:,} change-log entries, "
          f"{result['audit_entries']:,} audit entries")
    print(f"  audit verify (every check): median {median:6.2f} s, max {max(times):6.2f} s "
          f"over {RUNS} runs = {median / TARGET:5.3f} of the 10 s target")
    for name, took in parts(store).items():
        print(f"    {name:34} {took:6.2f} s")
    return median


def demo(folder: Path) -> float:
    from cunwu.services.demo import create_demo

    store = create_demo(folder / "demo", PASSWORD)
    try:
        return measure("Demo village", store)
    finally:
        store.close()


def residents(folder: Path) -> float:
    from bench_residents import roster_rows, write_xlsx

    from cunwu.services.roster_import import import_roster
    from cunwu.services.village import admin_actor, init_village

    path = folder / "roster.xlsx"
    write_xlsx(path, roster_rows(RESIDENTS, seed=1))
    store = init_village(folder / "big", code="330106001001", name="青山村",
                         district_code="330106", admin="admin", password=PASSWORD)
    try:
        t0 = time.perf_counter()
        result = import_roster(store, admin_actor(store, "admin"), path)
        assert result.imported == RESIDENTS and not result.rejected, result.rejected[:3]
        print(f"\n(built: {RESIDENTS:,} residents imported in {time.perf_counter() - t0:.1f} s)")
        return measure(f"{RESIDENTS:,} residents", store)
    finally:
        store.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cunwu-bench-verify-") as tmp:
        demo(Path(tmp))
        big = residents(Path(tmp))
    if big > TARGET:
        print(f"\nMISSED: {big:.2f} s > {TARGET:.0f} s at {RESIDENTS:,} residents")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
