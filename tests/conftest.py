"""Shared fixtures: a fresh village store, its users, and a way to run the real command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CUNWU_LANG"] = "en"  # tests read English messages unless they set zh_CN

from support import PASSWORD, VILLAGE, Result, run_cli, run_cli_here  # noqa: F401  (re-exported)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes():
    """argon2id at its lowest cost for the tests' own accounts: with the program's parameters
    each hash and each login took 0.16 s, two minutes of the suite. Child processes (the real
    command) keep the program's; tests/services/test_password_cost.py checks them."""
    import importlib

    from argon2 import PasswordHasher

    from support import HASHING_MODULES, PRODUCTION_HASHERS

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    for name in HASHING_MODULES:
        module = importlib.import_module(name)
        PRODUCTION_HASHERS[name] = module._hasher
        module._hasher = cheap
    yield
    for name, hasher in PRODUCTION_HASHERS.items():
        importlib.import_module(name)._hasher = hasher


@pytest.fixture
def production_hashes(monkeypatch):
    """The password hashers as the program has them, for this test."""
    import importlib

    from support import PRODUCTION_HASHERS

    for name, hasher in PRODUCTION_HASHERS.items():
        monkeypatch.setattr(importlib.import_module(name), "_hasher", hasher)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    for var in ("CUNWU_DATA_DIR", "CUNWU_USER", "CUNWU_PASSWORD", "CUNWU_TODAY",
                "CUNWU_ADMIN_PASSWORD", "CUNWU_NEW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    from cunwu import i18n

    i18n.set_language("en")


@pytest.fixture
def memory_keyring(monkeypatch):
    """An in-memory OS keyring for the village's and the district's keys (none works on a
    machine without a desktop); yields the backend so a test can look inside."""
    import keyring

    from cunwu.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("CUNWU_KEY_PASSPHRASE", raising=False)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> Path:
    """One village made once per run; tests copy it."""
    from cunwu.services.accounts import add_user
    from cunwu.services.village import admin_actor, init_village
    from cunwu.store.files import copy_database

    folder = tmp_path_factory.mktemp("template")
    s = init_village(folder, admin="admin", password=PASSWORD, **VILLAGE)
    admin = admin_actor(s, "admin")
    add_user(s, admin, "clerk", "clerk", PASSWORD)
    add_user(s, admin, "supervisor", "supervisor", PASSWORD)
    s.close()
    template = folder / "template.sqlite3"
    copy_database(folder / "cunwu.sqlite3", template)
    return template


@pytest.fixture
def store(data_dir, _template_db):
    """A fresh village (青山村) with users admin, clerk and supervisor, all with PASSWORD."""
    import shutil

    from cunwu.store import Store

    shutil.copyfile(_template_db, data_dir / "cunwu.sqlite3")
    s = Store.open(data_dir)
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


@pytest.fixture
def cli(data_dir):
    """cli("users", "list", "--json", user="admin") against the fixture's data folder, run
    in this process through cunwu.cli.main (see cli_process for a real child process)."""

    def _run(*args, user=None, env=None, stdin=None, data_dir_override=None):
        return run_cli_here(*args, data_dir=data_dir_override or data_dir, user=user, env=env,
                            stdin=stdin)

    return _run


@pytest.fixture
def cli_process(data_dir):
    """Like cli, but `python -m cunwu` in a child process: exit codes and streams for real."""

    def _run(*args, user=None, env=None, stdin=None, data_dir_override=None):
        return run_cli(*args, data_dir=data_dir_override or data_dir, user=user, env=env,
                       stdin=stdin)

    return _run


@pytest.fixture(scope="session")
def pg_server():
    import pg_support

    if not pg_support.available():
        pytest.skip("PostgreSQL server binaries are not installed (Debian package postgresql)")
    server = pg_support.Server().start()
    yield server
    server.stop()
