"""`cunwu district quarantine release|reject ID`: release imports the held bundle again through
every check (it must pass them now), reject keeps it refused and on record; both record the
district account that decided in the district's audit table."""

from __future__ import annotations

import sqlalchemy as sa

import pytest

from district_support import chain_after, enrol_key, forge, household, op_lines
from support import PASSWORD
from sync_support import district_counts

VILLAGE = "330106001002"
OFFICER = "wang.kz"


@pytest.fixture
def env(district):
    from cunwu.district.accounts import add_user

    add_user(district, None, OFFICER, "admin", PASSWORD)
    return {"CUNWU_DISTRICT_DIR": str(district.folder), "CUNWU_USER": OFFICER, "CUNWU_PASSWORD": PASSWORD}


def _audit(d) -> list[dict]:
    from cunwu.district.schema import audit

    with d.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(audit).order_by(audit.c.seq)).mappings()]


def _hold(d, data) -> dict:
    from cunwu.district import importer
    from cunwu.district.quarantine import listing
    from cunwu.errors import CunwuError

    with pytest.raises(CunwuError) as e:
        importer.import_bytes(d, data)
    assert e.value.code == "E_BUNDLE_QUARANTINED"
    return listing(d)[-1]


def test_release_once_the_missing_bundle_has_arrived(district, cli, env):
    from cunwu.district import importer
    from cunwu.district.quarantine import listing

    key = enrol_key(district, VILLAGE)
    rows = [household(i) for i in range(5)]
    lines = op_lines([("households", r["uuid"], "upsert", 1, r) for r in rows])
    second = forge(district, *key, VILLAGE, lines[3:], seq=2, log_from=4, chain_base=chain_after(lines[:3]))
    held = _hold(district, second)
    assert "changes 1 to 3 are missing" in held["reason"]

    r = cli("district", "quarantine", "release", held["id"], env=env)
    assert r.code == 1 and "E_QUARANTINE_STILL_FAILS" in r.err, r.err
    assert _audit(district) == [] and district_counts(district)["records"] == 0

    importer.import_bytes(district, forge(district, *key, VILLAGE, lines[:3]))  # bundle 1 arrives
    r = cli("district", "quarantine", "release", held["id"],
            "--reason", "第1包已到", env=env)
    assert r.code == 0, r.err
    assert "released: 2 rows applied" in r.out
    assert district_counts(district)["records"] == 5
    [entry] = _audit(district)
    assert (entry["operator"], entry["action"], entry["envelope_sha256"], entry["bundle_seq"],
            entry["reason"]) == (OFFICER, "quarantine.release", held["envelope_sha256"], 2, "第1包已到")
    assert listing(district)[0]["status"] == "released"

    r = cli("district", "quarantine", "release", held["id"], env=env)
    assert r.code == 1 and "E_QUARANTINE_DECIDED" in r.err


def test_reject_names_who_and_why_and_keeps_the_bundle(district, cli, env):
    from cunwu.district.quarantine import listing

    key = enrol_key(district, VILLAGE)
    bad = household(1) | {"number": 12}
    held = _hold(district, forge(district, *key, VILLAGE, op_lines([("households", bad["uuid"], "upsert", 1, bad)])))
    assert "field number: not text" in held["reason"]

    r = cli("district", "quarantine", "reject", held["id"], "--reason", "伪造数据",
            env=env | {"CUNWU_USER": ""})
    assert r.code == 2 and "E_DISTRICT_LOGIN" in r.err  # who decides is required
    r = cli("district", "quarantine", "reject", held["id"], env=env)
    assert r.code == 1 and "E_QUARANTINE_REASON" in r.err
    r = cli("district", "quarantine", "reject", "0000000000", "--reason", "x", env=env)
    assert r.code == 1 and "E_QUARANTINE_UNKNOWN" in r.err
    assert _audit(district) == []

    r = cli("district", "quarantine", "reject", held["id"], "--reason", "伪造数据",
            env=env)
    assert r.code == 0, r.err
    [entry] = _audit(district)
    assert (entry["operator"], entry["action"], entry["reason"]) == (OFFICER, "quarantine.reject", "伪造数据")
    assert district_counts(district)["quarantine"] == 1 and district_counts(district)["records"] == 0
    r = cli("district", "quarantine", "--json", env=env)
    [shown] = r.json
    assert (shown["status"], shown["decided_by"]) == ("rejected", OFFICER)
    r = cli("district", "quarantine", "release", held["id"], env=env)
    assert r.code == 1 and "E_QUARANTINE_DECIDED" in r.err
    assert listing(district)[0]["status"] == "rejected"


def test_the_decision_needs_a_named_operator(district):
    from cunwu.district import quarantine
    from cunwu.errors import CunwuError

    for who in (None, "", " ", "x", "a" * 33, "a b"):
        with pytest.raises(CunwuError) as e:
            quarantine.reject(district, "00000000", who, "reason")
        assert e.value.code == "E_DISTRICT_OPERATOR"
