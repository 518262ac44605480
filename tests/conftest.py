"""Shared fixtures: a fresh village store, its users, and a way to run the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CUNWU_LANG"] = "en"  # tests read English messages unless they set zh_CN

PASSWORD = "village-pass-1"
VILLAGE = {"code": "330106001001", "name": "青山村", "district_code": "330106"}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    for var in ("CUNWU_DATA_DIR", "CUNWU_USER", "CUNWU_PASSWORD", "CUNWU_TODAY",
                "CUNWU_ADMIN_PASSWORD", "CUNWU_NEW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    from cunwu import i18n

    i18n.set_language("en")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir):
    from cunwu.services.accounts import add_user
    from cunwu.services.village import admin_actor, init_village

    s = init_village(data_dir, admin="admin", password=PASSWORD, **VILLAGE)
    admin = admin_actor(s, "admin")
    add_user(s, admin, "clerk", "clerk", PASSWORD)
    add_user(s, admin, "supervisor", "supervisor", PASSWORD)
    yield s
    s.close()


@pytest.fixture
def admin(store):
    from cunwu.services.village import admin_actor

    return admin_actor(store, "admin")


@pytest.fixture
def clerk(store):
    from cunwu.services.village import admin_actor

    return admin_actor(store, "clerk")


@pytest.fixture
def supervisor(store):
    from cunwu.services.village import admin_actor

    return admin_actor(store, "supervisor")


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


@pytest.fixture
def cli(data_dir):
    """cli("users", "list", "--json", user="admin") against the fixture's data folder."""

    def _run(*args, user=None, env=None, stdin=None, data_dir_override=None):
        return run_cli(*args, data_dir=data_dir_override or data_dir, user=user, env=env, stdin=stdin)

    return _run
