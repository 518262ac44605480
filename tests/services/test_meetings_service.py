"""Recording meetings: attendance against memberships, quorum, votes, closing, corrections;
bad input is refused with a clear code and leaves nothing behind."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from cunwu.domain import meetings as m
from cunwu.errors import CunwuError
from cunwu.services import meetings as svc
from cunwu.services import memberships
from cunwu.services.meeting_queries import meeting_detail
from cunwu.services.meeting_votes import record_votes
from meetings_people import people

HELD = "2026-11-20T09:00"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")


@pytest.fixture
def reps(store, clerk):
    ps = people(store, clerk, 30)
    for p in ps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1),
                               households=[p.household_uuid])
    return ps


def _meeting(ps, present: int, **extra) -> dict:
    return {"kind": "村民代表会议", "title": "修路议题", "held_at": HELD, "place": "村委会",
            "present": [p.uuid for p in ps[:present]], **extra}


def _count(store, model) -> int:
    with store.read() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_expected_defaults_to_the_members_and_quorum_is_computed(store, clerk, reps):
    mt = svc.save_meeting(store, clerk, _meeting(reps, 20, excused=[reps[25].id_number],
                                                   items=[{"title": "硬化道路", "votes": {"同意": 16, "反对": 3, "弃权": 1},
                                                           "resolution": "同意硬化"}]))
    d = meeting_detail(store, mt.uuid)
    assert (d["expected_count"], d["present_count"], d["excused_count"], d["absent_count"]) == (30, 20, 1, 9)
    assert d["quorum_met"] is True and d["status"] == "held"
    assert d["items"][0]["passed"] is True
    assert "2/3" in d["quorum_rule"]


def test_nineteen_of_thirty_is_no_quorum_and_votes_are_refused(store, clerk, reps):
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, _meeting(reps, 19, items=[{"title": "x", "votes": {"同意": 19}}]))
    assert e.value.code == "E_MEETING_NO_QUORUM_VOTE"
    assert _count(store, m.Meeting) == 0
    # the meeting itself can be recorded; its decisions are marked invalid
    mt = svc.save_meeting(store, clerk, _meeting(reps, 19, items=[{"title": "x", "resolution": "讨论"}]))
    d = meeting_detail(store, mt.uuid)
    assert d["quorum_met"] is False and d["decisions_valid"] is False
    assert "19 of 30" in d["invalid_reason"] and d["items"][0]["passed"] is False


def test_fifteen_yes_of_thirty_present_does_not_pass(store, clerk, reps):
    mt = svc.save_meeting(store, clerk, _meeting(reps, 30, items=[
        {"title": "a", "votes": {"同意": 15, "反对": 15, "弃权": 0}},
        {"title": "b", "votes": {"同意": 16, "反对": 0, "弃权": 0}}]))
    items = meeting_detail(store, mt.uuid)["items"]
    assert [i["passed"] for i in items] == [False, True]


def test_votes_above_those_present_are_refused(store, clerk, reps):
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, _meeting(reps, 20, items=[{"title": "x", "votes": {"同意": 15, "反对": 6}}]))
    assert e.value.code == "E_MEETING_VOTES_EXCEED"
    assert _count(store, m.Meeting) == 0 and _count(store, m.Attendance) == 0


def test_a_non_member_cannot_attend(store, clerk, reps):
    outsider = people(store, clerk, 1)[0]
    data = _meeting(reps, 20)
    data["present"].append(outsider.uuid)
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, data)
    assert e.value.code == "E_MEETING_NOT_MEMBER"
    assert _count(store, m.Meeting) == 0


def test_a_future_meeting_cannot_be_marked_held(store, clerk, reps):
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, _meeting(reps, 20, held_at="2026-12-01T09:00"))
    assert e.value.code == "E_MEETING_FUTURE_HELD"
    planned = svc.save_meeting(store, clerk, {"kind": "村民代表会议", "title": "下月例会",
                                              "held_at": "2026-12-01T09:00"})
    d = meeting_detail(store, planned.uuid)
    assert d["status"] == "planned" and d["expected_count"] == 30 and d["present_count"] == 0


def test_a_closed_meeting_is_never_edited_but_corrected(store, clerk, reps):
    mt = svc.save_meeting(store, clerk, _meeting(reps, 25, items=[{"title": "a", "votes": {"同意": 20}}]))
    svc.close_meeting(store, clerk, mt.uuid)
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, {"minutes": "改"}, mt.uuid)
    assert e.value.code == "E_MEETING_CLOSED"
    with pytest.raises(CunwuError) as e:
        svc.correct_meeting(store, clerk, mt.uuid, {"minutes": "补记"}, reason="  ")
    assert e.value.code == "E_MEETING_CORRECTION_REASON"
    fix = svc.correct_meeting(store, clerk, mt.uuid,
                              {"items": [{"title": "a", "votes": {"同意": 21}}]}, reason="票数誊写错误")
    old, new = meeting_detail(store, mt.uuid), meeting_detail(store, fix.uuid)
    assert old["items"][0]["votes"]["同意"] == 20 and old["corrected_by"] == fix.uuid
    assert new["items"][0]["votes"]["同意"] == 21 and new["corrects"] == mt.uuid
    assert new["correction_reason"] == "票数誊写错误" and new["status"] == "closed"


def test_editing_keeps_item_identity_and_checks_votes(store, clerk, reps):
    mt = svc.save_meeting(store, clerk, _meeting(reps, 25, items=[{"title": "a"}]))
    item = meeting_detail(store, mt.uuid)["items"][0]
    record_votes(store, clerk, mt.uuid, item["uuid"], 20, 3, 2)
    with pytest.raises(CunwuError) as e:
        record_votes(store, clerk, mt.uuid, item["uuid"], 20, 5, 1)
    assert e.value.code == "E_MEETING_VOTES_EXCEED"
    # fewer people present than votes already counted: refused
    with pytest.raises(CunwuError):
        svc.save_meeting(store, clerk, {"present": [p.uuid for p in reps[:20]]}, mt.uuid)
    d = meeting_detail(store, mt.uuid)
    assert d["items"][0]["uuid"] == item["uuid"] and d["items"][0]["passed"] is True


def test_party_congress_expects_party_members(store, clerk):
    ps = people(store, clerk, 12, party=9)
    mt = svc.save_meeting(store, clerk, {"kind": "党员大会", "title": "审议", "held_at": HELD,
                                         "present": [p.uuid for p in ps[:6]]})
    d = meeting_detail(store, mt.uuid)
    assert (d["expected_count"], d["present_count"], d["quorum_met"]) == (9, 6, True)
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, clerk, {"kind": "党员大会", "title": "审议", "held_at": HELD,
                                        "present": [ps[10].uuid]})
    assert e.value.code == "E_MEETING_NOT_MEMBER"


def test_villagers_meeting_quorum_by_households(store, clerk):
    ps = people(store, clerk, 30, per_household=3)  # 10 households of 3 adults
    # one adult from each of 7 households: 7 of 30 adults, but 7 of 10 households
    present = [ps[i * 3].uuid for i in range(7)]
    mt = svc.save_meeting(store, clerk, {"kind": "村民会议", "title": "村规民约", "held_at": HELD,
                                         "present": present})
    d = meeting_detail(store, mt.uuid)
    assert d["quorum_met"] is True and d["quorum_by"] == "households"
    assert (d["households_expected"], d["households_present"]) == (10, 7)
    mt = svc.save_meeting(store, clerk, {"kind": "村民会议", "title": "村规民约", "held_at": HELD,
                                         "present": present[:6]})
    assert meeting_detail(store, mt.uuid)["quorum_met"] is False


def test_concerns_at_a_hearing_show_on_home_until_closed(store, clerk):
    from cunwu.services import concerns

    ps = people(store, clerk, 3)
    mt = svc.save_meeting(store, clerk, {
        "kind": "民情恳谈会", "title": "十一月恳谈", "held_at": HELD,
        "present": [p.uuid for p in ps],
        "concerns": [{"raised_by": ps[0].uuid, "topic": "路灯不亮", "answer": "已报修", "due": "2026-11-30"},
                     {"raised_by": "外村租户王某", "topic": "垃圾清运"}]})
    d = meeting_detail(store, mt.uuid)
    assert d["quorum_met"] is True and len(d["concerns"]) == 2
    items = concerns.home_open_concerns(store, clerk, dt.date(2026, 11, 22))
    assert len(items) == 2 and any("路灯不亮" in i["title"] for i in items)
    concerns.update_concern(store, clerk, d["concerns"][0]["uuid"], follow_up="已修好", close=True)
    assert len(concerns.home_open_concerns(store, clerk, dt.date(2026, 11, 22))) == 1


def test_village_rules_override_the_defaults(store, clerk, reps):
    memberships.set_rules(store, clerk, "村民代表会议", quorum=">1/2")
    mt = svc.save_meeting(store, clerk, _meeting(reps, 16))
    assert meeting_detail(store, mt.uuid)["quorum_met"] is True


def test_supervisor_cannot_record(store, supervisor, reps):
    with pytest.raises(CunwuError) as e:
        svc.save_meeting(store, supervisor, _meeting(reps, 20))
    assert e.value.code == "E_PERMISSION"


def test_a_member_who_moved_out_is_no_longer_expected(store, clerk, reps):
    with store.write(clerk, "test.move") as uow:
        p = uow.session.get(type(reps[0]), reps[0].uuid)
        p.status = "迁出"
        uow.save(p)
    mt = svc.save_meeting(store, clerk, _meeting(reps[1:], 20))
    assert meeting_detail(store, mt.uuid)["expected_count"] == 29


def test_changing_the_kind_checks_the_attendance_again(store, clerk, reps):
    mt = svc.save_meeting(store, clerk, _meeting(reps, 20))
    with pytest.raises(CunwuError) as e:  # nobody present is a 两委 member
        svc.save_meeting(store, clerk, {"kind": '村"两委"联席会议'}, mt.uuid)
    assert e.value.code == "E_MEETING_NOT_MEMBER"
    svc.save_meeting(store, clerk, {"held_at": "2026-11-19T15:00"}, mt.uuid)
    d = meeting_detail(store, mt.uuid)
    assert (d["held_at"], d["present_count"], d["kind"]) == ("2026-11-19T15:00", 20, "村民代表会议")
