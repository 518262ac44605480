"""The district's figures are the village's: 低保 户/人/月金额 as the village's notice states them
for the same day, and overdue disclosures as `disclosures due` lists them — on the demo village
and on random villages."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cunwu.district import importer
from cunwu.district.report import report
from sync_support import enrol_at, export

DAY = dt.date(2026, 11, 22)


def _village_figures(store, day):
    from cunwu.services import alerts, disclosure_schedule
    from cunwu.services.relief_lists import dibao_counts

    return (dibao_counts(store, day), sum(d.overdue for d in disclosure_schedule.due(store, day)),
            sorted(a.key for a in alerts.alerts(store, day)))


def _district_figures(d, day, code="330106001001"):
    v = report(d, day)["villages"][code]
    assert v["open_alerts"] == len(v["alerts"])
    return v["dibao"], v["overdue_disclosures"], sorted(a["key"] for a in v["alerts"])


@pytest.mark.slow
def test_the_demo_village_and_the_district_agree(district, tmp_path):
    from cunwu import clock
    from cunwu.services.demo import create_demo
    from cunwu.services.village import admin_actor

    store = create_demo(tmp_path / "village", "demo-pass-123")
    try:
        actor = admin_actor(store, "admin")
        enrol_at(store, actor, district, tmp_path / "enrol")
        importer.import_file(district, export(store, actor, tmp_path / "usb"))
        today = clock.today()
        village = _village_figures(store, today)
        # the figures: 15 households, 59 people, 35,880.00 a month, one overdue notice
        assert village[:2] == ({"households": 15, "people": 59, "total": "35880.00"}, 1)
        assert len(village[2]) > 3  # the demo's open alerts, the same ones at the district
        assert _district_figures(district, today) == village
        for later in (today + dt.timedelta(days=40), today + dt.timedelta(days=400)):
            assert _district_figures(district, later) == _village_figures(store, later)
    finally:
        store.close()


STATUSES = st.sampled_from(["户籍在册", "户籍在册", "外出务工", "迁出", "死亡"])
DAYS = st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2027, 3, 1))
TAG = st.fixed_dictionaries({
    "since": DAYS, "length": st.one_of(st.none(), st.integers(0, 400)),
    "covered": st.one_of(st.none(), st.integers(0, 6)),
    "amount": st.one_of(st.none(), st.decimals(0, 3000, places=2)),
    "tag": st.sampled_from(["低保", "低保", "特困供养", "残疾"])})
PERSON = st.fixed_dictionaries({"status": STATUSES, "household": st.integers(0, 4),
                                "tags": st.lists(TAG, max_size=2)})


@pytest.fixture
def synced(store, admin, district, tmp_path):
    enrol_at(store, admin, district, tmp_path / "enrol")
    return store


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(PERSON, min_size=1, max_size=12), day=DAYS)
def test_random_villages_agree(synced, admin, district, tmp_path, people, day):
    """Each example adds people to the same village and sends one more bundle; the village's
    figures and the district's must agree on a random day."""
    import json

    from cunwu import clock
    from cunwu.domain.households import Household
    from cunwu.domain.monitoring import PersonTag
    from cunwu.domain.residents import Person

    with synced.write(admin, "test.people") as uow:
        homes = [uow.add(Household(number=f"H{i}-{id(people)}-{clock.now_utc().timestamp()}",
                                   address="", group_name="一组", notes="", created_at=clock.now_utc()))
                 for i in range(5)]
        for p in people:
            person = uow.add(Person(name="村民", status=p["status"], household_uuid=homes[p["household"]].uuid,
                                    created_at=clock.now_utc()))
            for t in p["tags"]:
                data = {}
                if t["covered"] is not None:
                    data["covered"] = t["covered"]
                if t["amount"] is not None:
                    data["monthly_amount"] = str(t["amount"])
                until = None if t["length"] is None else t["since"] + dt.timedelta(days=t["length"])
                uow.add(PersonTag(person_uuid=person.uuid, tag=t["tag"], since=t["since"], until=until,
                                  data=json.dumps(data)))
    folder = tmp_path / f"usb-{id(people)}"
    shutil.rmtree(folder, ignore_errors=True)
    importer.import_file(district, export(synced, admin, folder))
    assert _district_figures(district, day) == _village_figures(synced, day)



def test_open_alerts_follow_dismissals_settings_and_policy(synced, admin, district, tmp_path, monkeypatch):
    """The district counts the village's open alerts with the village's own thresholds: an
    alert dismissed at the village leaves the count once synced, and a changed setting and a
    policy parameter the village confirmed holding count as they do in the village."""
    from pathlib import Path

    from cunwu.district import outbox, overview
    from cunwu.district.accounts import DistrictUser
    from cunwu.domain.idnumbers import make
    from cunwu.services import alerts, district_bundles, monitoring, residents

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    day = dt.date(2026, 11, 22)
    code = synced.village().code

    def sync(name):
        importer.import_file(district, export(synced, admin, tmp_path / name))

    def both():
        row = overview.village(district, code, day)["village"]
        assert row["open_alerts"] == len(row["alerts"])
        village = sorted(a.key for a in alerts.alerts(synced, day))
        assert sorted(a["key"] for a in row["alerts"]) == village
        return row

    for i, (name, since) in enumerate((("钱奶奶", "2026-09-01"), ("孙爷爷", "2026-10-15"))):
        p = residents.add_person(synced, admin, name=name, id_number=make("330106", dt.date(1941, 2, 3 + i), 12))
        monitoring.add_tag(synced, admin, p.uuid, "独居老人", since=since)
    sync("one")
    row = both()
    assert {"钱奶奶", "孙爷爷"} <= {a["name"] for a in row["alerts"]}
    assert row["alert_settings"] == {"settings": "defaults", "policy": []}

    first = next(a for a in alerts.alerts(synced, day) if a.person_name == "钱奶奶")
    alerts.dismiss_alert(synced, admin, first.key, "已电话联系")
    monitoring.change_settings(synced, admin, visit_days=60)  # 孙爷爷 (alone since 10-15) is not due yet
    sync("two")
    row = both()
    assert not {"钱奶奶", "孙爷爷"} & {a["name"] for a in row["alerts"]}
    assert row["alert_settings"]["settings"] == "village"

    officer = DistrictUser("zhang", "admin")
    outbox.set_policy(district, officer, "visit_days_elderly", "14", "2026-01-01", village=code)
    got = outbox.export_down(district, officer, code, tmp_path / "down")
    district_bundles.import_files(synced, admin, [Path(f) for f in got["files"]])
    outbox.pending_for(district, code, 1)  # the village confirms it holds district bundle 1
    sync("three")  # an import has the village's figures computed again
    row = both()
    assert "孙爷爷" in {a["name"] for a in row["alerts"]}  # due after 14 days, the district's interval
    assert row["alert_settings"] == {"settings": "village", "policy": ["visit_days_elderly"]}
