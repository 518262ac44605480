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
# The modules that hash passwords; tests/conftest.py swaps their hashers for cheap ones and
# keeps the program's here (module name -> PasswordHasher).
HASHING_MODULES = ("cunwu.services.accounts", "cunwu.services.user_admin", "cunwu.district.accounts")
PRODUCTION_HASHERS: dict = {}


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


def run_cli_here(*args: str, data_dir: Path | None = None, user: str | None = None,
                 env: dict | None = None, stdin: str | None = None) -> Result:
    """The same command through `cunwu.cli.main` in this process: the real parser and
    handlers without paying for a new interpreter each time. Environment, streams and the
    language are put back afterwards."""
    import contextlib
    import io

    from cunwu import i18n
    from cunwu.cli import main

    saved_env, saved_lang = dict(os.environ), i18n.language()
    for key in [k for k in os.environ if k.startswith("CUNWU_")]:
        del os.environ[key]
    os.environ["CUNWU_LANG"] = "en"
    if data_dir is not None:
        os.environ["CUNWU_DATA_DIR"] = str(data_dir)
    if user:
        os.environ["CUNWU_USER"] = user
        os.environ["CUNWU_PASSWORD"] = PASSWORD
    os.environ.update(env or {})
    out, err, saved_stdin = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as e:  # argparse: --help, --version, wrong usage
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
        i18n.set_language(saved_lang)
    return Result(code or 0, out.getvalue(), err.getvalue())
