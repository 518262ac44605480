"""People and households: add, edit, status changes with history, search, alerts."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import alerts, monitoring, people, residents

ZWQ = make("330106", dt.date(1985, 3, 7), 31)  # odd: male


@pytest.fixture
def family(store, clerk):
    hh = residents.add_household(store, clerk, number="0012", address="青山村3组12号", group_name="3组")
    head = residents.add_person(store, clerk, name="张伟强", id_number=ZWQ, household_uuid=hh.uuid,
                                relation="户主", phone="13800000000")
    return hh, head


def test_add_derives_birth_and_sex(store, family):
    hh, head = family
    assert head.sex == "男" and head.birth_date == dt.date(1985, 3, 7)
    with store.read() as s:
        assert s.execute(text("SELECT head_uuid FROM households")).scalar() == head.uuid


def test_same_person_never_twice(store, clerk, family):
    with pytest.raises(CunwuError) as e:
        residents.add_person(store, clerk, name="张伟", id_number=ZWQ.lower())
    assert e.value.code == "E_ID_DUPLICATE"


def test_sex_mismatch_is_an_error(store, clerk):
    with pytest.raises(CunwuError) as e:
        residents.add_person(store, clerk, name="李娜", id_number=make("330106", dt.date(1990, 1, 1), 12),
                             sex="男")
    assert e.value.code == "E_ID_SEX_MISMATCH"


def test_supervisor_cannot_write(store, supervisor):
    with pytest.raises(CunwuError) as e:
        residents.add_person(store, supervisor, name="李娜")
    assert e.value.code == "E_PERMISSION"


def test_death_keeps_person_and_history(store, clerk, family):
    _hh, head = family
    residents.update_person(store, clerk, head.uuid, phone="13900000000")
    residents.set_status(store, clerk, head.uuid, "死亡", since="2026-10-01")
    with store.read() as s:
        p = residents.find_person(s, ZWQ)
    assert p.status == "死亡" and p.status_since == dt.date(2026, 10, 1)
    events = residents.history(store, head.uuid)
    assert [e["action"] for e in events] == ["residents.add", "residents.edit", "residents.status"]
    assert events[1]["changes"] == {"phone": ["13800000000", "13900000000"]}
    assert events[2]["actor"] == "clerk"
    assert "330106" in events[0]["changes"]["id_number"][1] and "*" in events[0]["changes"]["id_number"][1]


@pytest.mark.parametrize("query", ["zwq", "zhangwei", "张伟", "伟", "张伟强", ZWQ[-6:], "ZWQ", "伟强"])
def test_search_finds_zhang_weiqiang(store, clerk, family, query):
    residents.add_person(store, clerk, name="李娜", id_number=make("330106", dt.date(1990, 1, 1), 12))
    with store.read() as s:
        rows = people.page(s, people.PersonQuery(search=query))
    assert [r.name for r in rows] == ["张伟强"]


def test_search_ranks_exact_name_first(store, clerk):
    for i, name in enumerate(["王伟明", "伟", "王伟"]):
        residents.add_person(store, clerk, name=name, id_number=make("330106", dt.date(1980, 1, 1 + i), 11))
    with store.read() as s:
        rows = people.page(s, people.PersonQuery(search="王伟"))
    assert [r.name for r in rows] == ["王伟", "王伟明"]


def test_renamed_person_is_found_by_new_name(store, clerk, family):
    _hh, head = family
    residents.update_person(store, clerk, head.uuid, name="张伟刚")
    with store.read() as s:
        assert [r.name for r in people.page(s, people.PersonQuery(search="伟刚"))] == ["张伟刚"]
        assert people.page(s, people.PersonQuery(search="伟强")) == []


def test_filters_and_paging(store, clerk, family):
    hh, head = family
    monitoring.add_tag(store, clerk, head.uuid, "低保", since="2026-01-01", review_due="2026-12-01",
                       data={"covered": 3, "monthly_amount": 560})
    for i in range(5):
        residents.add_person(store, clerk, name=f"王{'一二三四五'[i]}", household_uuid=hh.uuid,
                             id_number=make("330106", dt.date(2000, 1, 1 + i), 11))
    with store.read() as s:
        first = people.page(s, people.PersonQuery(), limit=4)
        rest = people.page(s, people.PersonQuery(), after=first[-1].key, limit=4)
        assert len(first) == 4 and len(rest) == 2
        dibao = people.page(s, people.PersonQuery(tag="低保"))
        assert [r.name for r in dibao] == ["张伟强"] and "低保" in dibao[0].tags
        assert len(people.page(s, people.PersonQuery(group="3组"))) == 6
        assert people.page(s, people.PersonQuery(group="1组")) == []


def test_alerts(store, clerk, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    hh = residents.add_household(store, clerk, number="1", group_name="1组")
    residents.add_person(store, clerk, name="赵老汉", id_number=make("330106", dt.date(1946, 11, 30), 11))
    alone = residents.add_person(store, clerk, name="钱奶奶", id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, clerk, alone.uuid, "独居老人", since="2025-01-01")
    monitoring.add_visit(store, clerk, alone.uuid, visited_on="2026-09-01", visitor="王主任")
    dead = residents.add_person(store, clerk, name="孙某", id_number=make("330106", dt.date(1950, 5, 5), 13))
    monitoring.add_tag(store, clerk, dead.uuid, "低保", since="2020-01-01", review_due="2026-12-10")
    residents.set_status(store, clerk, dead.uuid, "死亡", since="2026-11-01")
    father = residents.add_person(store, clerk, name="周父", household_uuid=hh.uuid, relation="户主",
                                  status="外出务工", id_number=make("330106", dt.date(1988, 5, 5), 15))
    residents.add_person(store, clerk, name="吴母", household_uuid=hh.uuid, relation="配偶",
                         status="外出务工", id_number=make("330106", dt.date(1989, 5, 5), 16))
    child = residents.add_person(store, clerk, name="周小", household_uuid=hh.uuid, relation="子",
                                 id_number=make("330106", dt.date(2016, 5, 5), 17))
    kid_dis = residents.add_person(store, clerk, name="郑残", id_number=make("330106", dt.date(1970, 5, 5), 19))
    monitoring.add_tag(store, clerk, kid_dis.uuid, "残疾", since="2020-01-01", review_due="2026-12-01",
                       data={"type": "肢体", "level": "二级", "two_subsidies": True})
    got = {(a.kind, a.person_name): a for a in alerts.alerts(store)}
    assert got[("elderly_birthday", "赵老汉")].due == dt.date(2026, 11, 30)
    assert got[("elderly_not_visited", "钱奶奶")].due == dt.date(2026, 10, 1)
    assert ("benefit_after_exit", "孙某") in got
    assert ("dibao_review", "孙某") not in got  # a dead person's review is not the point
    assert ("left_behind_child", "周小") in got
    assert got[("disability_subsidy_review", "郑残")].due == dt.date(2026, 12, 1)
    assert father.uuid not in {a.person_uuid for a in got.values() if a.kind == "left_behind_child"}
    monitoring.change_settings(store, clerk, elderly_age=70, visit_days=90)
    got = {(a.kind, a.person_name) for a in alerts.alerts(store)}
    assert ("elderly_birthday", "赵老汉") not in got and ("elderly_not_visited", "钱奶奶") not in got
    assert child.uuid
