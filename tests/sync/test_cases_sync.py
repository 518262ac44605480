"""Cases travel up: a case, its timeline, the time limits and a dismissed alert arrive at the
district whole (its row checks are derived from the village's tables), on SQLite and on
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.district import importer
from cunwu.domain.idnumbers import make
from cunwu.services import alerts, cases, monitoring, residents, sync
from sync_support import district_counts, district_rows, enrol_at, village_rows

VILLAGE = "330106001001"


@pytest.mark.parametrize("which", ["district", "pg_district"])
def test_cases_reach_the_district(store, admin, which, request, tmp_path, monkeypatch):
    district = request.getfixturevalue(which)
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    enrol_at(store, admin, district, tmp_path / "enrol")
    p = residents.add_person(store, admin, name="钱奶奶", id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, admin, p.uuid, "独居老人", since="2025-01-01")
    key = alerts.alerts(store)[0].key
    alerts.dismiss_alert(store, admin, key, "已随子女居住")
    n = cases.open_case(store, admin, {"person": p.uuid, "category": "临时救助", "title": "因病致困",
                                       "handler": "admin"})["number"]
    cases.act(store, admin, n, "入户核查")
    cases.close(store, admin, n, result="发放800元", decision="批准")
    cases.change_settings(store, admin, {"低保": 20})
    (tmp_path / "usb").mkdir()
    out = sync.export_bundle(store, admin, tmp_path / "usb")
    result = importer.import_bytes(district, open(out["path"], "rb").read())
    assert result.status == "applied", result
    assert district_counts(district)["quarantine"] == 0
    got = district_rows(district, VILLAGE)
    assert got == village_rows(store)
    entities = {entity for entity, _uuid in got}
    assert {"cases", "case_actions", "case_settings", "alert_states"} <= entities
    assert [row["to_status"] for (entity, _u), (_v, _d, row) in sorted(
        got.items(), key=lambda kv: kv[1][2].get("seq", 0)) if entity == "case_actions"] == [
        "待派单", "已派单", "处置中", "已办结"]
