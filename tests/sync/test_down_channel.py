"""The down channel end to end: the district sets a policy parameter, dispatches a case and acts
on an escalated one; the village imports its district bundles (in order, idempotent, all or
nothing) and computes from the parameters in force on each day; the district sees the result.
Every test runs with the district on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cunwu.district import cases as dcases
from cunwu.district import importer, outbox
from cunwu.district.accounts import DistrictUser
from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import alerts, cases, district_bundles, monitoring, policy, residents
from tests.sync_support import export

OFFICER = DistrictUser("zhang", "admin")


@pytest.fixture(params=["sqlite", "postgresql"])
def district(request, district):
    """The district on SQLite (conftest's) or on a fresh PostgreSQL database; `enrolled`
    enrols the fixture village at whichever it is."""
    return district if request.param == "sqlite" else request.getfixturevalue("pg_district")


def _village(store):
    return store.village().code


def _down(d, store, tmp_path: Path, name="down") -> list[Path]:
    got = outbox.export_down(d, OFFICER, _village(store), tmp_path / name)
    return [Path(f) for f in got["files"]]


def _up(store, admin, d, tmp_path: Path) -> None:
    importer.import_file(d, export(store, admin, tmp_path / "up"))


def _snapshot(store):
    from sqlalchemy import text

    with store.read() as s:
        c = s.connection()
        return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                for t in ("policy_params", "district_bundles_in", "cases", "case_actions", "audit_log")}


def test_a_policy_change_reaches_the_village_and_counts_from_its_date(enrolled, admin, district, tmp_path):
    store = enrolled
    residents.add_person(store, admin, name="赵大爷", id_number=make("330106", dt.date(1957, 3, 10), 11))
    march = dt.date(2027, 3, 20)
    assert not [a for a in alerts.alerts(store, march) if a.kind == "elderly_birthday"]
    assert policy.in_force(store, "elderly_age", march) == 80  # the village's own setting
    outbox.set_policy(district, OFFICER, "elderly_age", "70", "2027-03-15", village=None)
    outbox.set_policy(district, OFFICER, "dibao_standard", "1200", "2027-01-01", village=_village(store))
    files = _down(district, store, tmp_path)
    assert [f.name for f in files] == [f"CD-330106-{_village(store)}-000001.cdb"]
    got = district_bundles.import_files(store, admin, files)
    assert got["applied"] == 1 and got["bundles"][0]["policy"] == 2
    assert policy.in_force(store, "elderly_age", march) == 70
    assert policy.in_force(store, "elderly_age", dt.date(2027, 3, 14)) == 80  # not before its date
    assert str(policy.in_force(store, "dibao_standard", march)) == "1200.00"
    assert policy.in_force(store, "dibao_standard", dt.date(2026, 12, 31)) is None
    assert [a for a in alerts.alerts(store, march) if a.kind == "elderly_birthday"]
    titles = [i["title"] for i in district_bundles.home_items(store, admin, march)]
    assert any("70" in t and "2027-03-15" in t for t in titles)
    # the same file again: no effect
    again = district_bundles.import_files(store, admin, files)
    assert again["bundles"][0]["status"] == "already" and again["applied"] == 0


def test_bundles_carried_by_usb_are_confirmed_by_the_villages_next_bundle(enrolled, admin, district, tmp_path):
    """The village's bundle says which district bundles it applied (down_applied): the district
    marks them confirmed and writes them out no more; one not yet applied stays unconfirmed."""
    store, village = enrolled, _village(enrolled)
    outbox.set_policy(district, OFFICER, "elderly_age", "70", "2027-03-15", village=village)
    first = _down(district, store, tmp_path, "d1")
    outbox.set_policy(district, OFFICER, "dibao_standard", "1200", "2027-01-01", village=village)
    both = _down(district, store, tmp_path, "d2")
    assert [f.name[-10:] for f in both] == ["000001.cdb", "000002.cdb"]  # unconfirmed: written again
    district_bundles.import_files(store, admin, first)  # only the first reached the village
    residents.add_person(store, admin, name="钱一", id_number=make("330106", dt.date(1960, 1, 1), 11))
    _up(store, admin, district, tmp_path)
    assert outbox.status(district, village)["unconfirmed"] == [2]
    assert [f.name[-10:] for f in _down(district, store, tmp_path, "d3")] == ["000002.cdb"]
    district_bundles.import_files(store, admin, both)
    residents.add_person(store, admin, name="钱二", id_number=make("330106", dt.date(1961, 1, 1), 11))
    _up(store, admin, district, tmp_path)
    assert outbox.status(district, village)["unconfirmed"] == []
    assert _down(district, store, tmp_path, "d4") == []


def test_refused_bundles_write_nothing(enrolled, admin, district, tmp_path):
    store = enrolled
    outbox.set_policy(district, OFFICER, "elderly_age", "75", "2027-01-01")
    one = _down(district, store, tmp_path, "a")
    outbox.set_policy(district, OFFICER, "elderly_age", "72", "2027-06-01")
    both = _down(district, store, tmp_path, "b")
    two = [f for f in both if f.name.endswith("000002.cdb")]
    before = _snapshot(store)
    with pytest.raises(CunwuError) as e:  # 2 before 1: reordered
        district_bundles.import_files(store, admin, two)
    assert e.value.code == "E_DOWN_ORDER"
    data = bytearray(one[0].read_bytes())
    data[len(data) // 2] ^= 1
    bad = tmp_path / "bad.cdb"
    bad.write_bytes(bytes(data))
    with pytest.raises(CunwuError) as e:  # tampered
        district_bundles.import_files(store, admin, [bad])
    assert e.value.code.startswith("E_BUNDLE")
    assert _snapshot(store) == before
    district_bundles.import_files(store, admin, both)  # in any order: applied by number
    assert district_bundles.status(store)["last_seq"] == 2
    # a replay: another bundle 1 (the district store recreated, say) is refused
    from cunwu.sync import down
    from cunwu.district.schema import village_keys
    import sqlalchemy as sa

    with district.engine.connect() as conn:
        key = bytes.fromhex(conn.execute(sa.select(village_keys.c.public_key)).scalar())
    data, _ = down.build(district=district.code, village=_village(store), seq=1, prev_envelope_sha256="",
                         items=[], signing_private=district.signing_private(),
                         signing_public=district.signing_public, village_public=key)
    replay = tmp_path / "replay.cdb"
    replay.write_bytes(data)
    before = _snapshot(store)
    with pytest.raises(CunwuError) as e:
        district_bundles.import_files(store, admin, [replay])
    assert e.value.code == "E_DOWN_REPLAY"
    assert _snapshot(store) == before


def test_the_case_loop(enrolled, admin, district, tmp_path):
    """alert → case → escalated → the district acts → the village imports → closed → the
    district sees it closed; and a dispatched case arrives as a case from the district."""
    store = enrolled
    hh = residents.add_household(store, admin, number="0001", group_name="1组", address="1号")
    p = residents.add_person(store, admin, name="钱奶奶", household_uuid=hh.uuid, relation="户主",
                             id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, admin, p.uuid, "独居老人", since=dt.date(2020, 1, 1))
    key = next(a.key for a in alerts.alerts(store) if a.person_uuid == p.uuid)
    case = alerts.alert_to_case(store, admin, key)
    case = cases.assign(store, admin, case["number"], handler="admin")
    case = cases.escalate(store, admin, case["number"], "需要乡镇协调")
    _up(store, admin, district, tmp_path / "1")
    view = dcases.overview(district)
    assert [r["number"] for r in view["queue"]] == [case["number"]]
    dcases.update(district, OFFICER, _village(store), case["uuid"], "accept", "")
    dcases.update(district, OFFICER, _village(store), case["uuid"], "act", "已联系民政办")
    dcases.update(district, OFFICER, _village(store), case["uuid"], "close", "", "已安排上门照料", "批准")
    dcases.dispatch(district, OFFICER, _village(store), {"person": p.id_number, "category": "低保",
                                                         "title": "跨村核查：复核低保"})
    got = district_bundles.import_files(store, admin, _down(district, store, tmp_path))
    assert got["bundles"][0]["cases_updated"] == 3 and got["bundles"][0]["cases_opened"] == 1
    shown = cases.show(store, case["number"])
    assert shown["status"] == "已办结" and shown["decision"] == "批准"
    dispatched = [c for c in cases_of(store) if c.source == "district"]
    assert len(dispatched) == 1 and dispatched[0].person_uuid == p.uuid
    _up(store, admin, district, tmp_path / "2")
    view = dcases.overview(district)
    assert view["queue"] == []
    closed = [r for r in dcases.village_cases(district, _village(store)) if r["uuid"] == case["uuid"]]
    assert closed[0]["status"] == "已办结"


def cases_of(store):
    from sqlmodel import select

    from cunwu.domain.cases import Case

    with store.read() as s:
        return s.exec(select(Case)).all()


def test_refusals_at_the_district(enrolled, admin, district):
    with pytest.raises(CunwuError) as e:
        outbox.set_policy(district, DistrictUser("li", "officer"), "elderly_age", "70", "2027-01-01")
    assert e.value.code == "E_PERMISSION"
    with pytest.raises(CunwuError) as e:
        outbox.set_policy(district, OFFICER, "nonsense", "1", "2027-01-01")
    assert e.value.code == "E_POLICY_PARAM"
    with pytest.raises(CunwuError) as e:
        outbox.set_policy(district, OFFICER, "elderly_age", "7", "2027-01-01")
    assert e.value.code == "E_POLICY_VALUE"
    with pytest.raises(CunwuError) as e:
        dcases.update(district, OFFICER, _village(enrolled), "00000000-0000-4000-8000-000000000000", "act", "x")
    assert e.value.code == "E_DISTRICT_CASE"
    with pytest.raises(CunwuError) as e:
        dcases.dispatch(district, DistrictUser("v", "viewer"), _village(enrolled), {})
    assert e.value.code == "E_PERMISSION"


def test_sync_push_fetches_district_bundles_over_http(enrolled, admin, district):
    import httpx

    from cunwu.district.server import create_app
    from cunwu.services import sync
    from tests.sync.test_http import RunningServer

    store = enrolled
    outbox.set_policy(district, OFFICER, "visit_days_elderly", "14", "2020-01-01")
    with RunningServer(create_app(district)) as url:
        sync.push_bundle(store, admin, url)
        got = district_bundles.fetch(store, admin, url)
        assert got["applied"] == 1 and got["next_seq"] == 2
        assert policy.in_force(store, "visit_days_elderly", dt.date(2027, 1, 1)) == 14
        assert district_bundles.fetch(store, admin, url)["bundles"] == []  # nothing new
        # unsigned, or signed by someone else: refused
        r = httpx.get(f"{url}/api/v1/district-bundles/{_village(store)}", params={"after": "0"},
                      headers={"X-Cunwu-Key": "0" * 16, "X-Cunwu-Signature": "AAAA"})
        assert r.status_code == 403 and r.json()["code"] == "E_DOWN_AUTH"
    assert outbox.status(district, _village(store))["unconfirmed"] == []  # the second fetch confirmed 1
