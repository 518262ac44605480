"""Opening a demo-sized store and a first query, in fresh processes.

For each run a new process imports the store package, calls Store.open on a store made by
`cunwu demo`, then runs a first query (the village row through SQLModel) and times each
step; the figures are medians and p90s over the runs. A second set of runs imports
SQLAlchemy and SQLModel first, to tell the libraries' import time from the store's own work. A whole reading command
(`cunwu audit verify --json`) is timed from the outside for comparison.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import RUNS, child_env, cunwu_command, print_table, time_process

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from cunwu.store import Store
if sys.argv[2] == "preimport":
    import sqlalchemy, sqlmodel
t1 = time.perf_counter()
store = Store.open(sys.argv[1])
t2 = time.perf_counter()
village = store.village()
t3 = time.perf_counter()
village = store.village()
t4 = time.perf_counter()
store.close()
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "first": t3 - t2, "second": t4 - t3,
                  "name": village.name}))
"""


def run_child(data: Path, mode: str) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"import": [], "open": [], "first": [], "second": []}
    subprocess.run([sys.executable, "-c", CHILD, str(data), mode], check=True, capture_output=True,
                   env=child_env())
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", CHILD, str(data), mode], check=True,
                             capture_output=True, text=True, env=child_env()).stdout
        result = json.loads(out)
        for key in samples:
            samples[key].append(result[key])
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cunwu-bench-") as tmp:
        data = Path(tmp) / "data"
        subprocess.run([*cunwu_command(), "--data-dir", str(data), "demo"], check=True,
                       capture_output=True, env=child_env(CUNWU_ADMIN_PASSWORD="bench-pass-1"))
        size_kib = sum(f.stat().st_size for f in data.glob("cunwu.sqlite3*")) / 1024
        samples = run_child(data, "plain")
        warm = run_child(data, "preimport")
        verify = time_process([*cunwu_command(), "--data-dir", str(data), "audit", "verify", "--json"],
                              env=child_env(CUNWU_LANG="en"))
    print_table(f"Store, demo village ({size_kib:.0f} KiB), fresh processes ({RUNS} runs)", [
        ("import cunwu.store", samples["import"], "before Store.open"),
        ("Store.open", samples["open"], "checks, schema revision, engine"),
        ("first query", samples["first"], "store.village(): SQLModel import, connect, select"),
        ("second query", samples["second"], "the same, warm"),
        ("import sqlalchemy, sqlmodel", warm["import"], "(cunwu.store + both) in another set of runs"),
        ("Store.open, libraries loaded", warm["open"], "the store's own work"),
        ("first query, libraries loaded", warm["first"], "connect, select"),
        ("cunwu audit verify --json", verify, "whole command, from the outside"),
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
