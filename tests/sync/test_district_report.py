"""What the district reads from its copy: reports across villages, status, and the
verification code printed on a notice checked against the district's rows."""

from __future__ import annotations

import datetime as dt

from cunwu.district import importer
from sync_support import add_households, export

NOTICE = {"category": "财务", "title": "2026年7月财务收支公开",
          "period": {"from": "2026-07-01", "to": "2026-07-31"}, "body": "本月收支情况如下。",
          "tables": [{"title": "收支明细", "columns": ["项目", "收入（元）", "支出（元）"],
                      "rows": [["上级补助", "50000.00", ""]]}], "posting_days": 7}


def test_report_counts_every_entity_and_reads_rows(enrolled, admin, district, tmp_path):
    from cunwu.district.report import report, status

    add_households(enrolled, admin, 4)
    importer.import_file(district, export(enrolled, admin, tmp_path / "usb"))
    r = report(district, dt.date(2026, 11, 22))
    assert r["totals"]["villages"] == 1
    assert r["totals"]["entities"]["households"] == 4
    assert r["villages"]["330106001001"]["entities"]["village"] == 1
    [s] = status(district)
    assert s["last_seq"] == 1 and s["quarantined"] == 0 and s["bundles"] == 1


def test_a_printed_notice_code_is_checked_on_the_district_copy(enrolled, admin, district, tmp_path,
                                                               monkeypatch):
    from cunwu.district.notices import verify_code
    from cunwu.services import disclosure_print as dp
    from cunwu.services import disclosures as svc
    from cunwu.services.village import admin_actor

    monkeypatch.setenv("CUNWU_TODAY", "2026-08-03")
    clerk, supervisor = admin_actor(enrolled, "clerk"), admin_actor(enrolled, "supervisor")
    d = svc.add(enrolled, clerk, NOTICE)
    d = svc.sign_off(enrolled, supervisor, d.uuid)
    codes = dp.codes(d, "330106001001")
    importer.import_file(district, export(enrolled, admin, tmp_path / "usb"))
    for code in (codes.short, codes.qr):
        got = verify_code(district, code)
        assert got["ok"] and got["uuid"] == d.uuid and got["village"] == "330106001001"
    forged = codes.qr[:-4] + ("0000" if not codes.qr.endswith("0000") else "1111")
    assert verify_code(district, forged)["ok"] is False


def test_report_reads_residents_and_special_groups(enrolled, admin, district, tmp_path):
    from cunwu import clock
    from cunwu.district.report import report
    from cunwu.domain.monitoring import PersonTag
    from cunwu.domain.residents import Person

    with enrolled.write(admin, "test.people") as uow:
        a = uow.add(Person(name="张三", created_at=clock.now_utc()))
        uow.add(Person(name="李四", status="迁出", created_at=clock.now_utc()))
        uow.add(PersonTag(person_uuid=a.uuid, tag="低保", since=dt.date(2026, 1, 1)))
        uow.add(PersonTag(person_uuid=a.uuid, tag="残疾", since=dt.date(2020, 1, 1),
                          until=dt.date(2021, 1, 1)))  # ended: not counted
    importer.import_file(district, export(enrolled, admin, tmp_path / "usb"))
    totals = report(district, dt.date(2026, 11, 22))["totals"]
    assert totals["residents"] == 1 and totals["by_status"] == {"户籍在册": 1, "迁出": 1}
    assert totals["special_groups"] == {"低保": 1}
