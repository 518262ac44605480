"""Points: rules with versions, activities, approval by a second user, 公示, posting,
objections, reversals, balances per person and household, rankings and levels."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from cunwu import clock
from cunwu.domain.points import PointsEntry
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.services import points, points_ledger, points_rules, points_settings
from points_support import DAY, people, run_to_ledger


@pytest.fixture
def folks(store, admin):
    return people(store, admin, 4)


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date):
        monkeypatch.setenv("CUNWU_TODAY", day.isoformat())
    set_today(DAY)
    return set_today


def _rules(store, actor, **kw):
    return points_rules.add_rules(store, actor, [
        {"code": "HJ", "name": "参加环境整治", "points": 5, "unit": "次"},
        {"code": "XL", "name": "志愿巡逻", "points": 3, "unit": "小时"},
        {"code": "WG", "name": "违反村规民约", "points": -10, "unit": "次"}], "2026-01-01", **kw)


def _activity(store, actor, folks, rule="HJ", quantity=1, day=DAY):
    return points.add_activity(store, actor, title="春季环境整治", held_on=day, rule=rule,
                               place="村文化广场", organiser="村委会",
                               participants=[{"person": p, "quantity": quantity} for p in folks])


def _ledger_count(store) -> int:
    with store.read() as s:
        return s.connection().exec_driver_sql("SELECT count(*) FROM points_ledger").scalar()


def test_full_path_balances_rankings_and_levels(store, clerk, admin, folks, today, monkeypatch):
    _rules(store, clerk, approved_by_meeting="6f1c1f52-6a53-4c57-9d7c-2f7c39a9a001")
    a = _activity(store, clerk, folks, quantity=2)
    points.approve(store, admin, a.uuid)
    published = points.publish(store, clerk, a.uuid)
    assert published.publicity_ends() == DAY + dt.timedelta(days=6)
    today(DAY + dt.timedelta(days=7))
    assert points.post(store, clerk, a.uuid) == 4
    assert points_ledger.balance(store, folks[0]) == 10
    households = points_ledger.balances(store, household=True)
    assert sorted(r["balance"] for r in households) == [20, 20]
    assert {r["person"] for r in points_ledger.balances(store)} == set(folks)
    rank = points_ledger.ranking(store, "2026")
    assert [r["rank"] for r in rank] == [1, 1, 1, 1] and rank[0]["earned"] == 10
    assert points_ledger.ranking(store, "2026-03")[0]["earned"] == 10
    assert points_ledger.ranking(store, "2026-04") == []
    points_settings.update_settings(store, admin, levels=[{"name": "一星级文明户", "min": 15}])
    assert points_ledger.ranking(store, "2026", household=True)[0]["level"] == "一星级文明户"
    assert points.activity(store, a.uuid)["state"] == "posted"
    assert points_ledger.totals_differ(store) == 0


def test_the_user_who_entered_cannot_approve(store, clerk, supervisor, folks, today):
    _rules(store, clerk)
    a = _activity(store, clerk, folks)
    with pytest.raises(CunwuError) as e:
        points.approve(store, clerk, a.uuid)
    assert e.value.code == "E_POINTS_SAME_APPROVER"
    assert points.activity(store, a.uuid)["state"] == "entered"
    points.approve(store, supervisor, a.uuid)  # the supervision committee signs off
    assert points.activity(store, a.uuid)["approved_by"] == "supervisor"


def test_supervisor_cannot_enter_points(store, clerk, supervisor, folks, today):
    _rules(store, clerk)
    with pytest.raises(CunwuError) as e:
        _activity(store, supervisor, folks)
    assert e.value.code == "E_PERMISSION"


def test_posting_before_publicity_ends_is_refused(store, clerk, admin, folks, today):
    _rules(store, clerk)
    a = _activity(store, clerk, folks)
    with pytest.raises(CunwuError) as e:
        points.post(store, clerk, a.uuid)
    assert e.value.code == "E_POINTS_STATE"
    points.approve(store, admin, a.uuid)
    points.publish(store, clerk, a.uuid, days=3)
    for day in (DAY, DAY + dt.timedelta(days=2)):
        today(day)
        with pytest.raises(CunwuError) as e:
            points.post(store, clerk, a.uuid)
        assert e.value.code == "E_POINTS_PUBLICITY"
        assert e.value.params["first"] == "2026-03-05"
    assert _ledger_count(store) == 0
    today(DAY + dt.timedelta(days=3))
    assert points.post(store, clerk, a.uuid) == 4


@pytest.mark.parametrize("quantity,rule", [(-1, "HJ"), (0, "HJ"), ("abc", "HJ"), (1.5, "HJ"),
                                           (0.25, "XL"), (5000, "XL")])
def test_bad_quantities_are_refused(store, clerk, folks, today, quantity, rule):
    _rules(store, clerk)
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, folks, rule=rule, quantity=quantity)
    assert e.value.code == "E_POINTS_QUANTITY"
    assert points.activities(store) == []


def test_hours_may_have_one_decimal_and_points_round(store, clerk, folks, today):
    _rules(store, clerk)
    a = _activity(store, clerk, folks[:1], rule="XL", quantity="1.5")
    assert points.activity(store, a.uuid)["people"][0]["points"] == 5  # 3 × 1.5 = 4.5 → 5


def test_rule_versions_and_effective_dates(store, clerk, admin, folks, today, monkeypatch):
    _rules(store, clerk)
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, folks, day=dt.date(2025, 12, 31))
    assert e.value.code == "E_POINTS_RULE_DATES"
    new = points_rules.add_rules(store, admin, [{"code": "HJ", "name": "参加环境整治", "points": 8,
                                           "unit": "次"}], "2026-03-01")[0]
    assert new.version == 2
    old = [r for r in points_rules.rules(store) if r.code == "HJ" and r.version == 1][0]
    assert old.effective_to == dt.date(2026, 2, 28)
    before = _activity(store, clerk, folks[:1], day=dt.date(2026, 2, 20))
    after = _activity(store, clerk, folks[:1], day=DAY)
    assert points.activity(store, before.uuid)["people"][0]["points"] == 5
    assert points.activity(store, after.uuid)["rule_version"] == 2
    points_rules.retire_rule(store, admin, "HJ", "2026-03-01")
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, folks[:1], day=DAY)
    assert e.value.code == "E_POINTS_RULE_DATES"
    with pytest.raises(CunwuError) as e:
        points_rules.add_rules(store, admin, [{"code": "HJ", "name": "x", "points": 1, "unit": "次"}],
                         "2026-02-01")
    assert e.value.code == "E_POINTS_RULE_VERSION"
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, folks[:1], rule="NOPE")
    assert e.value.code == "E_POINTS_RULE_NOT_FOUND"
    # The entry keeps the version that earned it, after a newer one came.
    monkeypatch.setenv("CUNWU_TODAY", DAY.isoformat())
    uid = run_to_ledger(store, clerk, admin, monkeypatch, rule="XL", participants=[
        {"person": folks[0], "quantity": 1}], day=dt.date(2026, 2, 10))
    entry = [e for e in points_ledger.ledger(store) if e["activity"] == uid][0]
    assert entry["rule"] == "XL" and entry["points"] == 3


@pytest.mark.parametrize("status,since,refused", [
    ("死亡", dt.date(2026, 2, 1), True), ("迁出", DAY, True), ("死亡", None, True),
    ("死亡", DAY + dt.timedelta(days=1), False), ("外出务工", dt.date(2026, 1, 1), False)])
def test_participant_dead_or_moved_out_on_the_day(store, clerk, admin, folks, today,
                                                 status, since, refused):
    _rules(store, clerk)
    with store.write(admin, "test.status") as uow:
        p = uow.session.get(Person, folks[1])
        p.status, p.status_since = status, since
        uow.save(p)
    if refused:
        with pytest.raises(CunwuError) as e:
            _activity(store, clerk, folks)
        assert e.value.code == "E_POINTS_PARTICIPANT_GONE"
        assert points.activities(store) == []
    else:
        assert _activity(store, clerk, folks)


def test_participant_listed_twice_and_future_dates_are_refused(store, clerk, folks, today):
    _rules(store, clerk)
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, [folks[0], folks[0]])
    assert e.value.code == "E_POINTS_PARTICIPANT_TWICE"
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, folks, day=DAY + dt.timedelta(days=1))
    assert e.value.code == "E_POINTS_FUTURE"
    with pytest.raises(CunwuError) as e:
        _activity(store, clerk, [])
    assert e.value.code == "E_POINTS_NO_PARTICIPANTS"


def test_objection_holds_an_entry_back(store, clerk, admin, folks, today):
    _rules(store, clerk)
    a = _activity(store, clerk, folks)
    points.approve(store, admin, a.uuid)
    points.publish(store, clerk, a.uuid)
    rows = {r["person"]: r["uuid"] for r in points.activity(store, a.uuid)["people"]}
    points.object_to(store, clerk, rows[folks[0]], "本人当天不在村里")
    points.object_to(store, clerk, rows[folks[1]], "未参加")
    today(DAY + dt.timedelta(days=7))
    with pytest.raises(CunwuError) as e:  # too late for a new objection
        points.object_to(store, clerk, rows[folks[2]], "late")
    assert e.value.code == "E_POINTS_OBJECTION_PERIOD"
    assert points.post(store, clerk, a.uuid) == 2
    assert points_ledger.balance(store, folks[0]) == 0
    assert points.activity(store, a.uuid)["state"] == "published"
    points.resolve(store, admin, rows[folks[0]], uphold=False, answer="经核实确已参加")
    points.resolve(store, admin, rows[folks[1]], uphold=True, answer="经核实未参加")
    assert points.post(store, clerk, a.uuid) == 1
    assert points_ledger.balance(store, folks[0]) == 5
    assert points_ledger.balance(store, folks[1]) == 0
    assert points.activity(store, a.uuid)["state"] == "posted"
    assert points.post(store, clerk, a.uuid) == 0  # nothing is posted twice


def test_reversal_is_a_new_entry_and_only_one(store, clerk, admin, folks, today, monkeypatch):
    run_to_ledger(store, clerk, admin, monkeypatch, participants=[{"person": folks[0], "quantity": 2}])
    entry = points_ledger.ledger(store, person=folks[0])[0]
    with pytest.raises(CunwuError) as e:
        points_ledger.reverse(store, admin, entry["uuid"], "  ")
    assert e.value.code == "E_POINTS_REASON"
    rev = points_ledger.reverse(store, admin, entry["uuid"], "录入错误，重复计分")
    assert rev.points == -10 and rev.reverses_uuid == entry["uuid"]
    assert points_ledger.balance(store, folks[0]) == 0
    assert points_ledger.ranking(store, "2026") == []
    rows = points_ledger.ledger(store, person=folks[0])
    assert len(rows) == 2
    old = [r for r in rows if r["uuid"] == entry["uuid"]][0]
    assert old["points"] == 10 and old["reversed_by"] == rev.uuid
    for ref in (entry["uuid"], rev.uuid):
        with pytest.raises(CunwuError) as e:
            points_ledger.reverse(store, admin, ref, "again")
        assert e.value.code in ("E_POINTS_ALREADY_REVERSED", "E_POINTS_REVERSE_REVERSAL")
    assert points_ledger.totals_differ(store) == 0


def test_the_ledger_is_append_only(store, clerk, admin, folks, today, monkeypatch):
    run_to_ledger(store, clerk, admin, monkeypatch, participants=[{"person": folks[0], "quantity": 1}])
    entry_uuid = points_ledger.ledger(store)[0]["uuid"]
    with pytest.raises(CunwuError) as e:
        with store.write(admin, "test.edit") as uow:
            entry = uow.session.get(PointsEntry, entry_uuid)
            entry.points = 500
            uow.save(entry)
    assert e.value.code == "E_STORE_APPEND_ONLY"
    with pytest.raises(CunwuError) as e:
        with store.write(admin, "test.delete") as uow:
            uow.delete(uow.session.get(PointsEntry, entry_uuid))
    assert e.value.code == "E_STORE_APPEND_ONLY"
    with sqlite3.connect(store.paths.db) as conn:
        for sql in ("UPDATE points_ledger SET points = 500", "DELETE FROM points_ledger"):
            with pytest.raises(sqlite3.IntegrityError, match="E_STORE_APPEND_ONLY"):
                conn.execute(sql)
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"points_ledger__append_only_update", "points_ledger__append_only_delete"} <= triggers
    assert points_ledger.ledger(store)[0]["points"] == 5
    assert points_ledger.balance(store, folks[0]) == 5


def test_a_deduction_stops_at_zero(store, clerk, admin, folks, today, monkeypatch):
    run_to_ledger(store, clerk, admin, monkeypatch, participants=[{"person": folks[0], "quantity": 1}])
    run_to_ledger(store, clerk, admin, monkeypatch, rule="WG", points=-10, title="违反村规民约",
                  participants=[{"person": folks[0], "quantity": 1}], day=DAY + dt.timedelta(days=8))
    assert points_ledger.balance(store, folks[0]) == 0
    entry = [e for e in points_ledger.ledger(store, person=folks[0]) if e["rule"] == "WG"][0]
    assert entry["points"] == -5 and "按余额扣除" in entry["reason"]


def test_settings_are_checked(store, admin):
    assert points_settings.settings(store).publish_days == 7
    for kw, code in (({"scope": "village"}, "E_POINTS_SCOPE"), ({"publish_days": 0}, "E_POINTS_PUBLISH_DAYS"),
                     ({"levels": [{"name": "a", "min": -1}]}, "E_POINTS_LEVELS")):
        with pytest.raises(CunwuError) as e:
            points_settings.update_settings(store, admin, **kw)
        assert e.value.code == code
    points_settings.update_settings(store, admin, scope="household", publish_days=5)
    assert (points_settings.settings(store).scope, points_settings.settings(store).publish_days) == ("household", 5)


def test_rebuilt_totals_equal_the_kept_ones(store, clerk, admin, folks, today, monkeypatch):
    run_to_ledger(store, clerk, admin, monkeypatch, participants=[{"person": p, "quantity": 3} for p in folks])
    with store.read() as s:
        before = s.connection().exec_driver_sql(
            "SELECT * FROM points_totals ORDER BY 1, 2, 3").fetchall()
    with store.write(admin, "points.rebuild") as uow:
        points_ledger.rebuild_totals(uow.session)
    with store.read() as s:
        after = s.connection().exec_driver_sql(
            "SELECT * FROM points_totals ORDER BY 1, 2, 3").fetchall()
    assert before == after and len(after) == 4 * 2 + 2 * 2
    assert points_ledger.totals_differ(store) == 0
    assert clock.today() > DAY


def test_sign_in_list_can_change_until_approved(store, clerk, admin, folks, today):
    _rules(store, clerk)
    a = _activity(store, clerk, folks[:2])
    points.set_participants(store, clerk, a.uuid, [{"person": folks[1], "quantity": 2},
                                                   {"person": folks[2], "quantity": 1}])
    people = {p["person"]: p["points"] for p in points.activity(store, a.uuid)["people"]}
    assert people == {folks[1]: 10, folks[2]: 5}
    points.approve(store, admin, a.uuid)
    with pytest.raises(CunwuError) as e:
        points.set_participants(store, clerk, a.uuid, [{"person": folks[0], "quantity": 1}])
    assert e.value.code == "E_POINTS_STATE"
