"""The cost of a password hash as the program has it: argon2id with argon2-cffi's defaults for
village and district accounts (the other tests hash at the lowest cost, tests/conftest.py)."""

from __future__ import annotations

import sqlite3

import argon2

from support import PASSWORD

DEFAULTS = argon2.Parameters(type=argon2.Type.ID, version=19, salt_len=16, hash_len=32,
                             time_cost=argon2.DEFAULT_TIME_COST,
                             memory_cost=argon2.DEFAULT_MEMORY_COST,
                             parallelism=argon2.DEFAULT_PARALLELISM)


def test_the_defaults_are_a_real_cost():
    """argon2-cffi's defaults (RFC 9106's low-memory profile) are what the program relies on."""
    assert DEFAULTS.time_cost >= 3 and DEFAULTS.memory_cost >= 65536 and DEFAULTS.parallelism >= 4


def test_every_hashing_module_uses_the_defaults():
    from support import HASHING_MODULES, PRODUCTION_HASHERS

    assert set(PRODUCTION_HASHERS) == set(HASHING_MODULES)
    for name, hasher in PRODUCTION_HASHERS.items():
        assert hasher.type is argon2.Type.ID, name
        assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
            DEFAULTS.time_cost, DEFAULTS.memory_cost, DEFAULTS.parallelism), name


def _village_hash(store, username: str) -> str:
    with sqlite3.connect(store.paths.db) as conn:
        return conn.execute("SELECT password_hash FROM users WHERE username = ?",
                            (username,)).fetchone()[0]


def test_a_village_account_is_hashed_and_reset_at_the_defaults(production_hashes, store, admin):
    from cunwu.services.accounts import add_user, login
    from cunwu.services.user_admin import reset_password

    add_user(store, admin, "newclerk", "clerk", PASSWORD)
    assert argon2.extract_parameters(_village_hash(store, "newclerk")) == DEFAULTS
    assert login(store, "newclerk", PASSWORD).role == "clerk"
    reset_password(store, admin, "newclerk", "another-pass-2")
    assert argon2.extract_parameters(_village_hash(store, "newclerk")) == DEFAULTS
    assert login(store, "newclerk", "another-pass-2").role == "clerk"


def test_a_district_account_is_hashed_and_reset_at_the_defaults(production_hashes, tmp_path,
                                                               memory_keyring):
    import sqlalchemy as sa

    from cunwu.district import accounts
    from cunwu.district.schema import users
    from cunwu.district.store import District

    def stored(d, name):
        with d.engine.connect() as conn:
            return conn.execute(sa.select(users.c.password_hash).where(users.c.name == name)).scalar()

    with District.create(tmp_path / "district", "330106", "西湖区民政") as d:
        accounts.add_user(d, None, "admin", "admin", PASSWORD)
        assert argon2.extract_parameters(stored(d, "admin")) == DEFAULTS
        admin = accounts.login(d, "admin", PASSWORD)
        accounts.add_user(d, admin, "officer1", "officer", PASSWORD)
        accounts.set_password(d, admin, "officer1", "another-pass-2")
        assert argon2.extract_parameters(stored(d, "officer1")) == DEFAULTS
        assert accounts.login(d, "officer1", "another-pass-2").role == "officer"


def test_the_command_hashes_at_the_defaults(cli_process, data_dir):
    """A child process is the program as shipped: its own accounts at the defaults."""
    from support import VILLAGE

    r = cli_process("init", "--village-code", VILLAGE["code"], "--village-name", VILLAGE["name"],
                    "--district-code", VILLAGE["district_code"],
                    env={"CUNWU_ADMIN_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    with sqlite3.connect(data_dir / "cunwu.sqlite3") as conn:
        [stored] = conn.execute("SELECT password_hash FROM users WHERE username = 'admin'").fetchone()
    assert argon2.extract_parameters(stored) == DEFAULTS
    assert cli_process("users", "list", user="admin").code == 0


def test_no_other_module_hashes_passwords():
    """A new hasher elsewhere would escape both the tests' cheap one and the check above."""
    from pathlib import Path

    import cunwu
    from support import HASHING_MODULES

    root = Path(cunwu.__file__).parent
    found = {".".join(("cunwu", *p.relative_to(root).with_suffix("").parts))
             for p in root.rglob("*.py") if "PasswordHasher(" in p.read_text(encoding="utf-8")}
    assert found == set(HASHING_MODULES)
