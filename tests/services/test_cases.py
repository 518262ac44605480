"""Cases (工单): every transition and refusal of the workflow, the time limits, a case of
another village, the timeline, the lists and the home page."""

import datetime as dt

import pytest
from sqlalchemy import text

from cunwu.domain import cases as c
from cunwu.domain.idnumbers import make
from cunwu.errors import CunwuError
from cunwu.services import cases, cases_queries, home, residents


@pytest.fixture
def person(store, clerk):
    hh = residents.add_household(store, clerk, number="0012", group_name="3组")
    return residents.add_person(store, clerk, name="张伟强", household_uuid=hh.uuid, relation="户主",
                                id_number=make("330106", dt.date(1985, 3, 7), 31))


def _open(store, actor, person, **more):
    return cases.open_case(store, actor, {"person": person.uuid, "category": "临时救助",
                                          "title": "房屋漏雨", **more})


def test_open_takes_the_due_date_from_the_category(store, clerk, person, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-20")
    got = _open(store, clerk, person)
    assert got["number"] == "GD-2026-0001" and got["status"] == c.NEW
    assert got["due"] == "2026-11-23" and got["subject_name"] == "张伟强"
    assert [t["action"] for t in got["timeline"]] == ["open"]
    cases.change_settings(store, clerk, {"临时救助": 5})
    assert cases.settings(store)["临时救助"] == 5 and cases.settings(store)["低保"] == 15
    assert _open(store, clerk, person)["due"] == "2026-11-25"
    with pytest.raises(CunwuError) as e:
        cases.change_settings(store, clerk, {"临时救助": 0})
    assert e.value.code == "E_INPUT_RANGE"


def test_the_whole_way_and_the_timeline(store, clerk, admin, person):
    n = _open(store, clerk, person)["number"]
    assert cases.assign(store, clerk, n, handler="clerk")["status"] == c.ASSIGNED
    assert cases.act(store, clerk, n, "电话联系本人")["status"] == c.WORKING
    assert cases.act(store, clerk, n, "入户核查")["status"] == c.WORKING
    with pytest.raises(CunwuError) as e:
        cases.close(store, clerk, n, result="")
    assert e.value.code == "E_CASE_RESULT"
    with pytest.raises(CunwuError) as e:
        cases.close(store, clerk, n, result="已发放")
    assert e.value.code == "E_CASE_DECISION"
    got = cases.close(store, clerk, n, result="发放临时救助800元", decision="批准")
    assert got["status"] == c.CLOSED and got["closed_on"] and got["decision"] == "批准"
    got = cases.review(store, admin, n, "本人表示满意")
    assert got["status"] == c.REVIEWED
    assert [(t["action"], t["from"], t["to"], t["actor"]) for t in got["timeline"]] == [
        ("open", "", c.NEW, "clerk"), ("assign", c.NEW, c.ASSIGNED, "clerk"),
        ("act", c.ASSIGNED, c.WORKING, "clerk"), ("act", c.WORKING, c.WORKING, "clerk"),
        ("close", c.WORKING, c.CLOSED, "clerk"), ("review", c.CLOSED, c.REVIEWED, "admin")]
    with store.read() as s:
        actions = [r[0] for r in s.execute(text(
            "SELECT action FROM audit_log WHERE action LIKE 'cases.%' ORDER BY seq"))]
    assert actions == ["cases.open", "cases.assign", "cases.act", "cases.act", "cases.close",
                       "cases.review"]


def test_escalate_return_and_reopen(store, clerk, admin, person):
    n = _open(store, clerk, person, category="住房", handler="clerk")["number"]
    assert cases.escalate(store, clerk, n, "需乡镇住建办认定")["status"] == c.ESCALATED
    assert cases.return_case(store, clerk, n, "乡镇退回补充材料")["status"] == c.WORKING
    assert cases.return_case(store, clerk, n, "不归我办")["status"] == c.NEW
    assert cases.assign(store, admin, n, department="乡镇民政办")["handler_kind"] == "department"
    cases.act(store, clerk, n, "已转交")
    assert cases.close(store, clerk, n, result="已维修")["status"] == c.CLOSED  # not a benefit
    with pytest.raises(CunwuError) as e:  # reopening a closed case is the director's call
        cases.review(store, clerk, n, "仍漏雨", settled=False)
    assert e.value.code == "E_PERMISSION"
    assert cases.review(store, admin, n, "仍漏雨", settled=False)["status"] == c.WORKING


@pytest.mark.parametrize("steps, action, code", [
    ([], "act", "E_CASE_TRANSITION"),                # not assigned yet
    ([], "close", "E_CASE_TRANSITION"),
    ([], "escalate", "E_CASE_TRANSITION"),
    (["assign"], "review", "E_CASE_TRANSITION"),     # not closed
    (["assign", "act", "close"], "act", "E_CASE_TRANSITION"),
    (["assign", "act", "close", "review"], "review", "E_CASE_TRANSITION"),
    (["assign", "act", "close", "review"], "return", "E_CASE_TRANSITION"),
])
def test_wrong_order_is_refused_and_writes_nothing(store, clerk, person, steps, action, code):
    n = _open(store, clerk, person)["number"]
    do = {"assign": lambda: cases.assign(store, clerk, n, handler="clerk"),
          "act": lambda: cases.act(store, clerk, n, "做了"),
          "close": lambda: cases.close(store, clerk, n, result="办好", decision="批准"),
          "review": lambda: cases.review(store, clerk, n, "满意"),
          "escalate": lambda: cases.escalate(store, clerk, n, "上报"),
          "return": lambda: cases.return_case(store, clerk, n, "退回")}
    for step in steps:
        do[step]()
    before = cases.show(store, n)
    with pytest.raises(CunwuError) as e:
        do[action]()
    assert e.value.code == code
    assert cases.show(store, n) == before


def test_refusals(store, clerk, supervisor, person):
    with pytest.raises(CunwuError) as e:
        _open(store, supervisor, person)
    assert e.value.code == "E_PERMISSION"
    n = _open(store, clerk, person)["number"]
    for call, code in ((lambda: cases.assign(store, clerk, n, handler="supervisor"), "E_CASE_HANDLER"),
                       (lambda: cases.assign(store, clerk, n, handler="nobody"), "E_CASE_HANDLER"),
                       (lambda: cases.assign(store, supervisor, n, handler="clerk"), "E_PERMISSION"),
                       (lambda: cases.act(store, clerk, n, ""), "E_CASE_NOTE"),
                       (lambda: cases.show(store, "GD-1999-0001"), "E_CASE_NOT_FOUND"),
                       (lambda: cases.open_case(store, clerk, {"category": "低保", "title": "x"}),
                        "E_CASE_SUBJECT"),
                       (lambda: _open(store, clerk, person, category="救助"), "E_CASE_CATEGORY"),
                       (lambda: _open(store, clerk, person, title=""), "E_CASE_TITLE"),
                       (lambda: _open(store, clerk, person, title="x" * 201), "E_INPUT_TOO_LONG")):
        with pytest.raises(CunwuError) as e:
            call()
        assert e.value.code == code


def test_a_case_of_another_village_is_refused(store, clerk, person):
    """A case the district dispatched carries its village's code; another village's is refused."""
    n = _open(store, clerk, person, village_code="330106001099")["number"]
    with pytest.raises(CunwuError) as e:
        cases.assign(store, clerk, n, handler="clerk")
    assert e.value.code == "E_CASE_OTHER_VILLAGE"
    assert cases.show(store, n)["status"] == c.NEW


def test_timeline_is_append_only(store, clerk, person):
    _open(store, clerk, person)
    with store.engine.connect() as conn:
        for sql in ("UPDATE case_actions SET note = 'x'", "DELETE FROM case_actions"):
            with pytest.raises(Exception, match="E_STORE_APPEND_ONLY"):
                conn.exec_driver_sql(sql)


def test_lists_and_the_home_page(store, clerk, admin, person, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-01")
    mine = _open(store, clerk, person, handler="clerk", title="我的")["number"]
    late = _open(store, clerk, person, handler="admin", title="逾期")["number"]
    _open(store, clerk, person, category="住房", title="别人的")
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-10")
    assert [x["number"] for x in cases_queries.list_cases(store, clerk, view="mine")["cases"]] == [mine]
    overdue = cases_queries.list_cases(store, clerk, view="overdue")
    assert {x["number"] for x in overdue["cases"]} == {mine, late} and overdue["total"] == 2
    assert cases_queries.list_cases(store, clerk, category="住房")["total"] == 1
    assert cases_queries.list_cases(store, clerk, search="逾期")["cases"][0]["number"] == late
    items = home.home_items(store, clerk, dt.date(2026, 11, 10))
    assert [i["title"].split()[0] for i in items[:2]] == [mine, late]
    assert items[0]["first"] and items[0]["target"].startswith("cases:")
    rest = [i for i in items if i["target"] == "cases"]
    assert len(rest) == 1 and "1" in rest[0]["title"]


def test_a_visit_or_a_concern_made_a_case(store, clerk, person):
    """The visit or concern a case comes from must be recorded; its person is the case's
    when the case names nobody, and a concern from someone not on the roster names one."""
    from cunwu.services import concerns, monitoring

    visit = monitoring.add_visit(store, clerk, person.uuid, visited_on="2026-11-02", visitor="李主任",
                                 notes="屋顶漏雨")
    got = cases.open_case(store, clerk, {"category": "住房", "title": "屋顶漏雨", "source": "visit",
                                         "source_ref": visit.uuid})
    assert (got["subject_name"], got["source"], got["source_ref"]) == ("张伟强", "visit", visit.uuid)
    raised = concerns.add_concern(store, clerk, {"raised_by": person.uuid, "topic": "看病难"})
    got = cases.open_case(store, clerk, {"category": "医疗", "title": "看病难", "source": "concern",
                                         "source_ref": raised.uuid})
    assert got["subject_name"] == "张伟强" and got["source_ref"] == raised.uuid
    stranger = concerns.add_concern(store, clerk, {"raised_by": "王租户", "topic": "路灯不亮"})
    with pytest.raises(CunwuError) as e:
        cases.open_case(store, clerk, {"category": "其他", "title": "路灯", "source": "concern",
                                       "source_ref": stranger.uuid})
    assert e.value.code == "E_CASE_SUBJECT"
    assert cases.open_case(store, clerk, {"household": "0012", "category": "其他", "title": "路灯",
                                          "source": "concern", "source_ref": stranger.uuid}
                           )["subject_name"] == "0012"
    before = cases_queries.list_cases(store, clerk)["total"]
    for source, ref, code in (("visit", raised.uuid, "E_VISIT_NOT_FOUND"),
                              ("concern", visit.uuid, "E_CONCERN_NOT_FOUND"),
                              ("visit", "", "E_VISIT_NOT_FOUND")):
        with pytest.raises(CunwuError) as e:
            _open(store, clerk, person, source=source, source_ref=ref)
        assert e.value.code == code
    assert cases_queries.list_cases(store, clerk)["total"] == before
