"""Helpers shared by tests: the fixture village's facts and running the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "village-pass-1"
VILLAGE = {"code": "330106001001", "name": "青山村", "district_code": "330106"}


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


def run_cli(*args: str, data_dir: Path | None = None, user: str | None = None,
            env: dict | None = None, stdin: str | None = None, timeout: float = 120) -> Result:
    """The real `cunwu` command in a child process (python -m cunwu)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CUNWU_")}
    full_env["CUNWU_LANG"] = "en"
    if data_dir is not None:
        full_env["CUNWU_DATA_DIR"] = str(data_dir)
    if user:
        full_env["CUNWU_USER"] = user
        full_env["CUNWU_PASSWORD"] = PASSWORD
    full_env.update(env or {})
    p = subprocess.run([sys.executable, "-m", "cunwu", *args], capture_output=True, text=True,
                       env=full_env, input=stdin, timeout=timeout)
    return Result(p.returncode, p.stdout, p.stderr)
