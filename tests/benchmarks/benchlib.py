"""Timing helpers for the benchmark scripts: fresh processes, median and p90, plain tables."""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
ROOT = Path(__file__).resolve().parents[2]


def cunwu_command() -> list[str]:
    """The installed `cunwu` script beside this Python, as a user would run it."""
    script = Path(sys.executable).with_name("cunwu")
    if script.exists():
        return [str(script)]
    found = shutil.which("cunwu")
    return [found] if found else [sys.executable, "-m", "cunwu"]


# Byte-code as an installed program has it: written by the warm-up run (into a cache folder
# of its own, not the checkout), read by the measured runs, even where the environment sets
# PYTHONDONTWRITEBYTECODE (which would make every run compile cunwu's sources again).
PYCACHE = tempfile.mkdtemp(prefix="cunwu-bench-pycache-")
atexit.register(shutil.rmtree, PYCACHE, ignore_errors=True)


def child_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CUNWU_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env.update(extra)
    return env


def time_process(cmd: list[str], runs: int = RUNS, env: dict | None = None) -> list[float]:
    """Wall time of `runs` fresh processes (after one unmeasured warm-up for the page cache)."""
    env = env or child_env()
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - t0)
    return times


def timed(fn, runs: int, warm: bool = False) -> list[float]:
    """Seconds of each of `runs` calls of fn in this process (after one untimed call when warm,
    as a running server has made it)."""
    if warm:
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), p90(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def print_table(title: str, rows: list[tuple[str, list[float], str]]) -> None:
    """rows: (label, samples in seconds, note)."""
    print(f"\n{title}")
    width = max(len(r[0]) for r in rows)
    print(f"  {'':{width}}  {'median':>11}  {'p90':>11}  runs  note")
    for label, values, note in rows:
        med, high = summary(values)
        print(f"  {label:{width}}  {ms(med)}  {ms(high)}  {len(values):4d}  {note}")
