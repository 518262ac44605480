"""Accounts: roles checked inside the services, argon2 hashes, the five-try lockout."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from cunwu import clock
from cunwu.errors import CunwuError
from cunwu.services import accounts
from cunwu.services.accounts import add_user, list_users, login
from support import PASSWORD


def test_passwords_are_stored_as_argon2_hashes(store):
    with sqlite3.connect(store.paths.db) as conn:
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM users")]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_login_returns_the_actor(store):
    actor = login(store, "clerk", PASSWORD)
    assert (actor.username, actor.role) == ("clerk", "clerk")


@pytest.mark.parametrize("who", ["clerk", "supervisor"])
def test_only_admin_adds_users(store, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(CunwuError) as err:
        add_user(store, actor, "newbie", "clerk", PASSWORD)
    assert err.value.code == "E_PERMISSION"
    assert "newbie" not in [u.username for u in list_users(store)]


def test_supervisor_cannot_write_records(store, supervisor):
    with pytest.raises(CunwuError) as err:
        with store.write(supervisor, "anything"):
            pass
    assert err.value.code == "E_PERMISSION"


@pytest.mark.parametrize("name,role,pw,code", [
    ("clerk", "clerk", PASSWORD, "E_USER_EXISTS"),
    ("x", "clerk", PASSWORD, "E_USER_NAME"),
    ("张三", "clerk", PASSWORD, "E_USER_NAME"),
    ("bob", "boss", PASSWORD, "E_USER_ROLE"),
    ("bob", "clerk", "short", "E_PASSWORD_WEAK"),
])
def test_bad_new_users(store, admin, name, role, pw, code):
    with pytest.raises(CunwuError) as err:
        add_user(store, admin, name, role, pw)
    assert err.value.code == code


def test_five_wrong_passwords_lock_for_five_minutes(store, monkeypatch):
    for _ in range(5):
        with pytest.raises(CunwuError) as err:
            login(store, "clerk", "wrong-password")
        assert err.value.code == "E_AUTH_FAILED"
    with pytest.raises(CunwuError) as err:
        login(store, "clerk", PASSWORD)
    assert err.value.code == "E_AUTH_LOCKED"
    real_now = clock.now_utc
    monkeypatch.setattr(clock, "now_utc", lambda: real_now() + dt.timedelta(minutes=4, seconds=50))
    with pytest.raises(CunwuError):
        login(store, "clerk", PASSWORD)
    monkeypatch.setattr(clock, "now_utc", lambda: real_now() + dt.timedelta(minutes=5, seconds=1))
    assert login(store, "clerk", PASSWORD).username == "clerk"
    with sqlite3.connect(store.paths.db) as conn:
        actions = [r[0] for r in conn.execute(
            "SELECT action FROM audit_log WHERE actor='clerk' ORDER BY seq")]
    assert actions == ["login.failed"] * 4 + ["login.locked", "login.refused_locked",
                                              "login.refused_locked", "login.ok"]


def test_unknown_user_is_the_same_error(store):
    with pytest.raises(CunwuError) as err:
        login(store, "nobody", PASSWORD)
    assert err.value.code == "E_AUTH_FAILED"


def test_lockout_constants():
    assert accounts.MAX_FAILED_LOGINS == 5
    assert accounts.LOCKOUT == dt.timedelta(minutes=5)
