"""District accounts: the first admin, roles from the one permission table, the lockout after
five wrong passwords, disabling; and the district audit trail's hash chain."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from cunwu.district import accounts, audit
from cunwu.errors import CunwuError
from support import PASSWORD


def test_the_first_account_needs_no_login_and_must_be_an_admin(tmp_path):
    from cunwu.district.store import District

    with District.create(tmp_path / "d", "330106", "西湖区") as d:
        assert not accounts.has_users(d)
        with pytest.raises(CunwuError) as e:
            accounts.add_user(d, None, "viewer1", "viewer", PASSWORD)
        assert e.value.code == "E_DISTRICT_FIRST_ADMIN"
        accounts.add_user(d, None, "boss", "admin", PASSWORD)
        with pytest.raises(CunwuError) as e:
            accounts.add_user(d, None, "other", "admin", PASSWORD)  # now it takes an admin
        assert e.value.code == "E_DISTRICT_LOGIN"


def test_roles_may_what_the_table_says(district):
    officer = accounts.login(district, "officer1", PASSWORD)
    viewer = accounts.login(district, "viewer1", PASSWORD)
    admin = accounts.login(district, "admin", PASSWORD)
    assert viewer.may("read") and not viewer.may("lookup") and not viewer.may("export")
    assert officer.may("lookup") and officer.may("import") and not officer.may("full_id")
    assert all(admin.may(a) for perms in accounts.PERMISSIONS.values() for a in perms)
    assert admin.may("full_id") and admin.may("quarantine") and admin.may("manage_users")
    with pytest.raises(CunwuError) as e:
        accounts.add_user(district, officer, "x1", "viewer", PASSWORD)
    assert e.value.code == "E_PERMISSION"
    with pytest.raises(CunwuError) as e:
        accounts.add_user(district, admin, "x1", "clerk", PASSWORD)
    assert e.value.code == "E_DISTRICT_ROLE"
    with pytest.raises(CunwuError) as e:
        accounts.add_user(district, admin, "x1", "viewer", "short")
    assert e.value.code == "E_PASSWORD_WEAK"


def test_five_wrong_passwords_lock_the_account(district):
    for _ in range(5):
        with pytest.raises(CunwuError) as e:
            accounts.login(district, "locked1", "wrong password")
        assert e.value.code == "E_AUTH_FAILED"
    with pytest.raises(CunwuError) as e:
        accounts.login(district, "locked1", PASSWORD)  # the right one, too late
    assert e.value.code == "E_AUTH_LOCKED"
    [row] = [u for u in accounts.list_users(district) if u["name"] == "locked1"]
    assert dt.datetime.fromisoformat(row["locked_until"]) > dt.datetime.now(dt.timezone.utc)
    # an admin enabling the account again clears the lockout
    accounts.set_disabled(district, accounts.DistrictUser("admin", "admin"), "locked1", False)
    assert accounts.login(district, "locked1", PASSWORD).role == "viewer"
    actions = [e["action"] for e in audit.entries(district, 20) if e["target"] == "locked1"]
    assert actions[:3] == ["users.enable", "login.refused_locked", "login.locked"] or \
        actions[:4] == ["login", "users.enable", "login.refused_locked", "login.locked"]


def test_disabled_accounts_cannot_log_in_and_admins_cannot_disable_themselves(district):
    admin = accounts.DistrictUser("admin", "admin")
    accounts.set_disabled(district, admin, "officer1")
    with pytest.raises(CunwuError) as e:
        accounts.login(district, "officer1", PASSWORD)
    assert e.value.code == "E_AUTH_INACTIVE"
    assert accounts.current(district, "officer1") is None
    with pytest.raises(CunwuError) as e:
        accounts.set_disabled(district, admin, "admin")
    assert e.value.code == "E_DISTRICT_SELF_DISABLE"
    with pytest.raises(CunwuError) as e:
        accounts.set_password(district, accounts.DistrictUser("viewer1", "viewer"), "admin", "new password")
    assert e.value.code == "E_PERMISSION"
    accounts.set_password(district, accounts.DistrictUser("viewer1", "viewer"), "viewer1", "new password")
    assert accounts.login(district, "viewer1", "new password").name == "viewer1"


def test_the_audit_chain_holds_and_shows_tampering(district):
    audit.record(district, "admin", "person.lookup", "110105199001010023",
                 {"query": "身份证 110105199001010023", "village": "330106001001"})
    newest = audit.entries(district, 1)[0]
    assert "110105199001010023" not in repr(newest)  # never the full number
    assert newest["target"] == "110105********0023"
    assert newest["detail"]["query"] == "身份证 110105********0023"
    assert audit.verify(district) == []

    with district.engine.begin() as conn, pytest.raises(sa.exc.DatabaseError):
        conn.execute(sa.text("UPDATE audit_log SET actor = 'someone' WHERE seq = 2"))
    # past the database's own guard (dropped here), the chain still tells
    with district.engine.begin() as conn:
        conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
        conn.execute(sa.text("UPDATE audit_log SET actor = 'someone' WHERE seq = 2"))
    assert audit.verify(district) == ["entry 2 does not match the chain"]


def test_quarantine_decisions_reach_the_chain(district):
    from cunwu.district import importer, quarantine
    from district_support import enrol_key, forge, household, op_lines

    key = enrol_key(district, "330106001002")
    bad = household(1) | {"number": 12}
    with pytest.raises(CunwuError):
        importer.import_bytes(district, forge(district, *key, "330106001002",
                                              op_lines([("households", bad["uuid"], "upsert", 1, bad)])))
    [held] = quarantine.listing(district)
    quarantine.reject(district, held["id"], "admin", "伪造数据")
    newest = audit.entries(district, 1)[0]
    assert (newest["actor"], newest["action"], newest["target"]) == ("admin", "quarantine.reject", held["id"])
    assert newest["detail"] == {"village": "330106001002", "seq": 1, "reason": "伪造数据"}
    assert audit.verify(district) == []
