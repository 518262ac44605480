"""From an alert to a case (转为工单) or dismissed (忽略): it stays away until its facts change;
and the discovery rules that feed cases."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import alerts, home, monitoring, person_file, residents


def _kinds(store, day=None):
    return {(a.kind, a.person_name): a for a in alerts.alerts(store, day)}


@pytest.fixture
def alone(store, clerk, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    p = residents.add_person(store, clerk, name="钱奶奶", id_number=make("330106", dt.date(1940, 5, 5), 12))
    monitoring.add_tag(store, clerk, p.uuid, "独居老人", since="2025-01-01")
    monitoring.add_visit(store, clerk, p.uuid, visited_on="2026-09-01", visitor="王主任")
    return p


def test_dismissed_until_the_facts_change(store, clerk, alone):
    alert = _kinds(store)[("elderly_not_visited", "钱奶奶")]
    assert alert.key == _kinds(store)[("elderly_not_visited", "钱奶奶")].key  # stable
    with pytest.raises(CunwuError) as e:
        alerts.dismiss_alert(store, clerk, alert.key, "")
    assert e.value.code == "E_ALERT_REASON"
    alerts.dismiss_alert(store, clerk, alert.key, "本人已随女儿暂住")
    assert ("elderly_not_visited", "钱奶奶") not in _kinds(store)
    assert not [i for i in home.home_items(store, clerk) if i["key"] == alert.key]
    with store.read() as s:
        audit = s.execute(text("SELECT detail FROM audit_log WHERE action = 'alerts.dismiss'")).scalar()
    assert "本人已随女儿暂住" in audit
    with pytest.raises(CunwuError) as e:
        alerts.dismiss_alert(store, clerk, alert.key, "again")
    assert e.value.code == "E_ALERT_HANDLED"
    # a visit, and later a missed one again: new facts, a new key, the alert is back
    monitoring.add_visit(store, clerk, alone.uuid, visited_on="2026-09-20", visitor="王主任")
    back = _kinds(store)[("elderly_not_visited", "钱奶奶")]
    assert back.key != alert.key


def test_alert_to_case_in_one_step(store, clerk, alone):
    alert = _kinds(store)[("elderly_not_visited", "钱奶奶")]
    item = next(i for i in home.home_items(store, clerk) if i["key"] == alert.key)
    case = alerts.alert_to_case(store, clerk, item["key"], {"handler": "clerk", "severity": "较急"})
    assert case["source"] == "alert" and case["source_ref"] == alert.key
    assert case["person_uuid"] == alone.uuid and case["category"] == "养老"
    assert case["status"] == "已派单" and case["title"] == alert.message
    assert ("elderly_not_visited", "钱奶奶") not in _kinds(store)
    items = home.home_items(store, clerk)
    assert items[0]["target"] == f"cases:{case['uuid']}" and items[0]["first"]
    with pytest.raises(CunwuError) as e:
        alerts.alert_to_case(store, clerk, alert.key)
    assert e.value.code == "E_ALERT_HANDLED"
    with pytest.raises(CunwuError) as e:
        alerts.alert_to_case(store, clerk, "0" * 32)
    assert e.value.code == "E_ALERT_NOT_FOUND"


def test_a_supervisor_can_neither_dismiss_nor_convert(store, supervisor, alone):
    key = _kinds(store)[("elderly_not_visited", "钱奶奶")].key
    for call in (lambda: alerts.dismiss_alert(store, supervisor, key, "不需要"),
                 lambda: alerts.alert_to_case(store, supervisor, key)):
        with pytest.raises(CunwuError) as e:
            call()
        assert e.value.code == "E_PERMISSION"


def test_new_discovery_rules(store, clerk, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-01-10")
    hh = residents.add_household(store, clerk, number="7", group_name="1组")
    head = residents.add_person(store, clerk, name="李户主", household_uuid=hh.uuid, relation="户主",
                                id_number=make("330106", dt.date(1970, 5, 5), 21))
    son = residents.add_person(store, clerk, name="李儿", household_uuid=hh.uuid, relation="子",
                               id_number=make("330106", dt.date(2008, 3, 1), 23))
    monitoring.add_tag(store, clerk, head.uuid, "低保", since="2025-06-01", review_due="2026-06-01")
    child = residents.add_person(store, clerk, name="困境娃", id_number=make("330106", dt.date(2015, 1, 1), 25))
    monitoring.add_tag(store, clerk, child.uuid, "困境儿童", since="2025-01-01")
    dis = residents.add_person(store, clerk, name="重残者", id_number=make("330106", dt.date(1960, 1, 1), 27))
    monitoring.add_tag(store, clerk, dis.uuid, "残疾", since="2020-01-01",
                       data={"type": "肢体", "level": "一级", "two_subsidies": False})
    light = residents.add_person(store, clerk, name="轻残者", id_number=make("330106", dt.date(1961, 1, 1), 29))
    monitoring.add_tag(store, clerk, light.uuid, "残疾", since="2020-01-01",
                       data={"type": "肢体", "level": "四级"})
    got = _kinds(store)
    assert ("dibao_household_changed", "李户主") not in got  # nothing changed yet
    assert ("child_not_visited", "困境娃") in got
    assert ("disability_no_subsidy", "重残者") in got and ("disability_no_subsidy", "轻残者") not in got
    monkeypatch.setenv("CUNWU_TODAY", "2026-03-05")  # the son turned 18 on 2026-03-01
    changed = _kinds(store)[("dibao_household_changed", "李户主")]
    assert "李儿 18" in changed.message
    residents.set_status(store, clerk, son.uuid, "外出务工", since="2026-03-04")
    again = _kinds(store)[("dibao_household_changed", "李户主")]
    assert again.key != changed.key and "外出务工" in again.message
    person_file.review_tag(store, clerk, head.uuid, "低保", "2027-03-01")  # reviewed today
    assert ("dibao_household_changed", "李户主") not in _kinds(store)
    monitoring.add_visit(store, clerk, child.uuid, visited_on="2026-03-01", visitor="王主任")
    assert ("child_not_visited", "困境娃") not in _kinds(store)
