"""The command line contract (CLI.md) for the foundation commands, run as a real process."""

from __future__ import annotations

import json
import sqlite3

import pytest

from support import PASSWORD, run_cli

INIT = ("init", "--village-code", "330106001001", "--village-name", "青山村", "--district-code", "330106")


def test_version(cli):
    r = cli("--version")
    assert r.code == 0 and r.out.startswith("cunwu ")


def test_init_then_users_and_audit(data_dir):
    r = run_cli(*INIT, data_dir=data_dir, env={"CUNWU_ADMIN_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    r = run_cli("users", "add", "wenshu", "--role", "clerk", data_dir=data_dir, user="admin",
                env={"CUNWU_NEW_PASSWORD": "another-pass-2"})
    assert r.code == 0, r.err
    r = run_cli("users", "list", "--json", data_dir=data_dir)
    assert r.code == 0
    assert {u["username"]: u["role"] for u in r.json} == {"admin": "admin", "wenshu": "clerk"}
    r = run_cli("audit", "list", "--json", data_dir=data_dir)
    actions = [e["action"] for e in r.json]
    assert actions[0] == "users.add" and "village.init" in actions
    r = run_cli("audit", "verify", "--json", data_dir=data_dir)
    assert r.code == 0 and r.json["ok"] is True


def test_json_output_is_only_json(store, cli):
    r = cli("users", "list", "--json")
    assert r.code == 0
    json.loads(r.out)
    r = cli("--json", "audit", "list")  # the option also works before the command
    assert isinstance(json.loads(r.out), list)


def test_failure_is_one_line_with_code_and_exit_1(store, cli):
    r = cli("users", "add", "newbie", "--role", "clerk", user="clerk",
            env={"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 1
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("E_PERMISSION: ")


def test_messages_are_chinese_by_default(store, cli):
    r = cli("users", "add", "x", "--role", "clerk", user="admin",
            env={"CUNWU_LANG": "", "CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 1 and r.err.startswith("E_USER_NAME: 用户名")


@pytest.mark.parametrize("args", [("users", "add", "bob"), ("frobnicate",), ("backup", "--bogus")])
def test_wrong_usage_exits_2(store, cli, args):
    assert cli(*args).code == 2


def test_writing_without_a_user_is_usage_error(store, cli):
    r = cli("users", "add", "bob", "--role", "clerk", env={"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 2 and r.err.startswith("E_AUTH_REQUIRED")


def test_wrong_password(store, cli):
    r = cli("users", "add", "bob", "--role", "clerk",
            env={"CUNWU_USER": "admin", "CUNWU_PASSWORD": "nope-nope", "CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 1 and r.err.startswith("E_AUTH_FAILED")


def test_backup_and_restore(store, cli, tmp_path):
    out = tmp_path / "copy.sqlite3"
    r = cli("backup", "--out", str(out), user="clerk")
    assert r.code == 0 and out.exists()
    r = cli("users", "add", "later", "--role", "clerk", user="admin", env={"CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.code == 0
    store.close()
    r = cli("restore", str(out), user="admin")
    assert r.code == 0, r.err
    names = [u["username"] for u in cli("users", "list", "--json").json]
    assert "later" not in names
    assert any(p.name.startswith("auto-") for p in store.paths.backups.iterdir())


def test_restore_refuses_non_database(store, cli, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00" * 4096)
    r = cli("restore", str(junk), user="admin")
    assert r.code == 1 and r.err.startswith("E_BACKUP_INVALID")


def test_corrupt_store_is_reported_not_a_traceback(store, cli):
    store.close()
    store.paths.db.write_bytes(b"garbage" * 1000)
    r = cli("users", "list")
    assert r.code == 1 and r.err.startswith("E_STORE_CORRUPT") and "Traceback" not in r.err


def test_demo_creates_three_accounts_and_prints_their_password(data_dir):
    r = run_cli("demo", "--json", data_dir=data_dir, timeout=600)
    assert r.code == 0, r.err
    password = r.json["password"]
    assert password and len(password) >= 8
    with sqlite3.connect(data_dir / "cunwu.sqlite3") as conn:
        roles = dict(conn.execute("SELECT username, role FROM users"))
    assert roles == {"admin": "admin", "clerk": "clerk", "supervisor": "supervisor"}
    r = run_cli("audit", "verify", data_dir=data_dir)
    assert r.code == 0, r.err
    again = run_cli("demo", data_dir=data_dir, env={"CUNWU_ADMIN_PASSWORD": PASSWORD})
    assert again.code == 1 and again.err.startswith("E_DEMO_NOT_EMPTY")


def test_the_window_language_setting_applies_to_commands(store, cli):
    from cunwu.config import Settings

    Settings(language="zh_CN").save(store.paths.settings)
    r = cli("users", "add", "x", "--role", "clerk", user="admin",
            env={"CUNWU_LANG": "", "CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.err.startswith("E_USER_NAME: 用户名")
    Settings(language="en").save(store.paths.settings)
    r = cli("users", "add", "x", "--role", "clerk", user="admin",
            env={"CUNWU_LANG": "", "CUNWU_NEW_PASSWORD": PASSWORD})
    assert r.err.startswith("E_USER_NAME: A user name")
