"""`cunwu users reset-password|disable|enable`: what the window's 用户管理 does, from the
command line, through the same services; only an admin may, and nobody locks the village out."""

from support import PASSWORD

NEW = "another-pass-2"


def test_reset_password_unlocks_and_the_old_one_stops_working(cli, store):
    store.close()
    for _ in range(5):  # the fifth wrong password locks the account
        cli("households", "add", "--number", "9", user="clerk", env={"CUNWU_PASSWORD": "wrong-wrong"})
    r = cli("residents", "edit", "x", "--phone", "1", user="clerk")
    assert "E_AUTH_LOCKED" in r.err
    assert cli("users", "reset-password", "clerk", user="clerk",
               env={"CUNWU_NEW_PASSWORD": NEW}).code == 1  # locked, and not an admin anyway
    refused = cli("users", "reset-password", "admin", user="supervisor", env={"CUNWU_NEW_PASSWORD": NEW})
    assert refused.code == 1 and "E_PERMISSION" in refused.err
    weak = cli("users", "reset-password", "clerk", user="admin", env={"CUNWU_NEW_PASSWORD": "short"})
    assert weak.code == 1 and "E_PASSWORD_WEAK" in weak.err
    r = cli("users", "reset-password", "clerk", "--json", user="admin", env={"CUNWU_NEW_PASSWORD": NEW})
    assert r.code == 0, r.err
    assert r.json["username"] == "clerk" and r.json["locked_until"] is None
    assert "E_AUTH_FAILED" in cli("households", "add", "--number", "1", user="clerk").err
    ok = cli("households", "add", "--number", "1", user="clerk", env={"CUNWU_PASSWORD": NEW})
    assert ok.code == 0, ok.err
    missing = cli("users", "reset-password", "nobody", user="admin", env={"CUNWU_NEW_PASSWORD": NEW})
    assert missing.code == 1 and "E_USER_NOT_FOUND" in missing.err


def test_disable_and_enable(cli, store):
    store.close()
    r = cli("users", "disable", "clerk", "--json", user="admin")
    assert r.code == 0 and r.json["active"] is False
    assert "E_AUTH_INACTIVE" in cli("households", "add", "--number", "1", user="clerk").err
    assert "E_PERMISSION" in cli("users", "enable", "clerk", user="supervisor").err
    assert cli("users", "enable", "clerk", user="admin").code == 0
    assert cli("households", "add", "--number", "1", user="clerk").code == 0
    assert {u["username"]: u["active"] for u in cli("users", "list", "--json").json} == \
        {"admin": True, "clerk": True, "supervisor": True}
    audit = [e["action"] for e in cli("audit", "list", "--json", user="admin").json]
    assert "users.disable" in audit and "users.enable" in audit


def test_nobody_locks_the_village_out(cli, store):
    store.close()
    assert "E_USER_SELF" in cli("users", "disable", "admin", user="admin").err
    env = {"CUNWU_NEW_PASSWORD": PASSWORD}
    assert cli("users", "add", "boss2", "--role", "admin", user="admin", env=env).code == 0
    assert cli("users", "disable", "boss2", user="admin").code == 0
    # boss2 is disabled: admin is the last active admin, and cannot be disabled by anyone
    assert cli("users", "enable", "boss2", user="admin").code == 0
    assert cli("users", "disable", "admin", user="boss2").code == 0
    last = cli("users", "disable", "boss2", user="boss2")
    assert last.code == 1 and "E_USER_SELF" in last.err
