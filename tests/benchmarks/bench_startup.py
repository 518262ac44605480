"""Start-up time of the `cunwu` command in fresh processes, against a bare Python in the
same run: `cunwu --help` (target: median ≤ 0.3 s), `cunwu --version`, `python -m cunwu --help`,
and the built program in dist/cunwu if `./run installer` has made one.

Every figure is a new process (the file cache is warm: one unmeasured run first), so what
is measured is interpreter start plus imports plus parser, as a user sees it when the disk
has the files cached. Exit status 1 if `cunwu --help` misses its target.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from benchlib import ROOT, RUNS, child_env, cunwu_command, print_table, time_process

TARGET = 0.3


def print_imports(cmd: list[str], top: int = 8) -> None:
    """The costliest imports of one run (cumulative, from `python -X importtime`)."""
    err = subprocess.run(cmd, capture_output=True, text=True, env=child_env()).stderr
    rows = []
    for line in err.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    print(f"\n  costliest imports of `{' '.join(cmd[3:])}` (cumulative, one run):")
    for micros, name in sorted(rows, reverse=True)[:top]:
        print(f"    {micros / 1000:7.1f} ms  {name.strip()}")


def main() -> int:
    cunwu = cunwu_command()
    bare = time_process([sys.executable, "-c", "pass"])
    help_ = time_process([*cunwu, "--help"])
    version = time_process([*cunwu, "--version"])
    module = time_process([sys.executable, "-m", "cunwu", "--help"])
    frozen = ROOT / "dist" / "cunwu" / "cunwu"  # from ./run installer, if built
    frozen_rows = []
    if frozen.exists():
        frozen_rows = [("dist/cunwu/cunwu --help", time_process([str(frozen), "--help"]), ""),
                       ("dist/cunwu/cunwu --version", time_process([str(frozen), "--version"]), "")]
    base = statistics.median(bare)

    def ratio(values):
        return f"{statistics.median(values) / base:4.1f}× python -c pass"

    print_table(f"Start-up, fresh processes ({RUNS} runs each; {' '.join(cunwu)})", [
        ("python -c pass", bare, "baseline"),
        ("cunwu --help", help_, ratio(help_)),
        ("cunwu --version", version, ratio(version)),
        ("python -m cunwu --help", module, ratio(module)),
        *[(label, values, ratio(values)) for label, values, _ in frozen_rows],
    ])
    print_imports([sys.executable, "-X", "importtime", "-m", "cunwu", "--help"])
    med = statistics.median(help_)
    verdict = "within" if med <= TARGET else "OVER"
    print(f"  cunwu --help: {med * 1000:.0f} ms median, {verdict} the {TARGET * 1000:.0f} ms target"
          f" ({(med - base) * 1000:.0f} ms above a bare Python)")
    return 0 if med <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
