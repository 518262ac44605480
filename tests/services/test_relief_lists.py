"""Relief notices from the residents' records: masked, no health detail, minors hidden."""

from __future__ import annotations

import datetime as dt
import json
import re

from cunwu import clock
from cunwu.domain.households import Household
from cunwu.domain.monitoring import PersonTag, ReliefGrant
from cunwu.domain.residents import Person
from cunwu.services import disclosure_print as dp
from cunwu.services.relief_lists import generate
from tests.printing import pdftools

HEAD_ID, CHILD_ID, OTHER_ID = "11010519491231002X", "330106201501010014", "440524188001010014"


def _residents(store, admin):
    now = clock.now_utc()
    with store.write(admin, "test.residents") as uow:
        h = uow.add(Household(number="001", group_name="第一村民小组", created_at=now))
        head = uow.add(Person(name="张建国", id_number=HEAD_ID, birth_date=dt.date(1949, 12, 31),
                              phone="13812345678", household_uuid=h.uuid, relation="户主",
                              created_at=now))
        h.head_uuid = head.uuid
        uow.save(h)
        h2 = uow.add(Household(number="002", group_name="第二村民小组", created_at=now))
        child = uow.add(Person(name="李小明", id_number=CHILD_ID, birth_date=dt.date(2015, 1, 1),
                               household_uuid=h2.uuid, relation="户主", created_at=now))
        gone = uow.add(Person(name="王已故", id_number=OTHER_ID, status="死亡", created_at=now))
        uow.add(PersonTag(person_uuid=head.uuid, tag="低保", since=dt.date(2025, 3, 1),
                          data=json.dumps({"covered": 3, "monthly_amount": "1350.00"})))
        uow.add(PersonTag(person_uuid=child.uuid, tag="低保", since=dt.date(2026, 8, 1),
                          data=json.dumps({"covered": 1, "monthly_amount": "500.00"})))
        uow.add(PersonTag(person_uuid=gone.uuid, tag="低保", since=dt.date(2025, 1, 1)))
        uow.add(PersonTag(person_uuid=head.uuid, tag="残疾", since=dt.date(2020, 1, 1),
                          data=json.dumps({"type": "肢体", "level": "二级"})))
        uow.add(ReliefGrant(person_uuid=head.uuid, granted_on=dt.date(2026, 8, 15),
                            amount="2000.00", reason="因病住院"))


def test_dibao_notice_is_masked_and_has_no_health_detail(store, admin, clerk, tmp_path):
    _residents(store, admin)
    d = generate(store, clerk, "dibao", "2026Q3")
    assert d.kind == "dibao" and d.status == "draft" and d.posting_days >= 7
    table = d.table_list[0]
    assert table["columns"][1] == "户主姓名"
    rows = table["rows"]
    assert len(rows) == 2  # the dead holder is left out
    assert rows[0][1:6] == ["张建国", "110105********002X", "第一村民小组", "3", "1350.00"]
    assert rows[1][1] == "李*" and rows[1][2] == "—"  # a minor: name hidden, no ID
    stored = d.tables + d.body
    for secret in (HEAD_ID, CHILD_ID, "13812345678", "肢体", "残疾", "因病", "李小明"):
        assert secret not in stored
    assert "共2户4人" in d.body and "1850.00" in d.body

    out = tmp_path / "dibao.pdf"
    dp.print_pdf(store, d.uuid, out)
    flat = re.sub(r"\s+", "", pdftools.text(out))
    assert "2026年第三季度城乡居民最低生活保障对象公示" in flat and "青山村" in flat
    assert "110105********002X" in flat
    assert HEAD_ID not in flat and CHILD_ID not in flat and "13812345678" not in flat
    assert not re.search(r"(?<!\d)\d{17}[\dX](?!\d)", flat)
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", flat)


def test_linshi_notice_leaves_out_the_reason(store, admin, clerk):
    _residents(store, admin)
    d = generate(store, clerk, "linshi", "2026-08")
    assert d.table_list[0]["rows"][0][1:] == ["张建国", "110105********002X", "第一村民小组",
                                              "2026-08-15", "2000.00"]
    assert "因病" not in d.tables and "住院" not in d.tables


def test_tekun_with_nobody_is_an_empty_list(store, clerk):
    d = generate(store, clerk, "tekun", "2026Q3")
    assert d.table_list[0]["rows"] == [] and "共0人" in d.body


def test_dibao_notice_states_the_districts_standard_in_force(store, admin, clerk):
    """The standard the district set, with the day it took effect, as of the period's end;
    before it (or for another kind of notice) the text is as without one."""
    from cunwu.domain.policy import PolicyParam

    _residents(store, admin)
    before = generate(store, clerk, "dibao", "2026Q3").body
    assert "保障标准" not in before
    with store.write(admin, "test.policy") as uow:
        for n, (value, since) in enumerate([("1100.00", dt.date(2026, 7, 1)),
                                            ("1200.00", dt.date(2027, 1, 1))], start=1):
            uow.add(PolicyParam(item_id=f"p{n}", name="dibao_standard", value=value,
                                effective_from=since, district_seq=n, received_at=clock.now_utc()))
    body = generate(store, clerk, "dibao", "2026Q3").body
    assert "保障标准：每人每月 1,100 元（自 2026年7月1日起）。" in body
    assert body.replace("\n\n保障标准：每人每月 1,100 元（自 2026年7月1日起）。", "") == before
    assert "保障标准：每人每月 1,200 元（自 2027年1月1日起）" in generate(store, clerk, "dibao", "2027-01").body
    assert "保障标准" not in generate(store, clerk, "dibao", "2026-06").body
    assert "保障标准" not in generate(store, clerk, "tekun", "2027-01").body
    assert "保障标准" not in generate(store, clerk, "linshi", "2027-01").body


def test_tekun_notice_states_the_districts_standard_in_force(store, admin, clerk):
    from cunwu.domain.policy import PolicyParam

    before = generate(store, clerk, "tekun", "2027-01").body
    with store.write(admin, "test.policy") as uow:
        uow.add(PolicyParam(item_id="t1", name="tekun_standard", value="1560.00",
                            effective_from=dt.date(2027, 1, 1), district_seq=1, received_at=clock.now_utc()))
    body = generate(store, clerk, "tekun", "2027-01").body
    assert body.replace("\n\n供养标准：每人每月 1,560 元（自 2027年1月1日起）。", "") == before != body
    assert "供养标准" not in generate(store, clerk, "tekun", "2026-12").body
    assert "供养标准" not in generate(store, clerk, "dibao", "2027-01").body
