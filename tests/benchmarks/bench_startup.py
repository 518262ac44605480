"""Start-up time of the `cunwu` command in fresh processes, against a bare Python in the
same run: `cunwu --help` (target: median ≤ 0.3 s), `cunwu --version`, `python -m cunwu --help`.

Every figure is a new process (the file cache is warm: one unmeasured run first), so what
is measured is interpreter start plus imports plus parser, as a user sees it when the disk
has the files cached. Exit status 1 if `cunwu --help` misses its target.
"""

from __future__ import annotations

import statistics
import sys

from benchlib import RUNS, cunwu_command, print_table, time_process

TARGET = 0.3


def main() -> int:
    cunwu = cunwu_command()
    bare = time_process([sys.executable, "-c", "pass"])
    help_ = time_process([*cunwu, "--help"])
    version = time_process([*cunwu, "--version"])
    module = time_process([sys.executable, "-m", "cunwu", "--help"])
    base = statistics.median(bare)

    def ratio(values):
        return f"{statistics.median(values) / base:4.1f}× python -c pass"

    print_table(f"Start-up, fresh processes ({RUNS} runs each; {' '.join(cunwu)})", [
        ("python -c pass", bare, "baseline"),
        ("cunwu --help", help_, ratio(help_)),
        ("cunwu --version", version, ratio(version)),
        ("python -m cunwu --help", module, ratio(module)),
    ])
    med = statistics.median(help_)
    verdict = "within" if med <= TARGET else "OVER"
    print(f"  cunwu --help: {med * 1000:.0f} ms median, {verdict} the {TARGET * 1000:.0f} ms target"
          f" ({(med - base) * 1000:.0f} ms above a bare Python)")
    return 0 if med <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
