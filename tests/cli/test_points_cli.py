"""`cunwu points …` through the real command: rules, an activity by ID numbers, approval by
a second user, 公示, posting, balances, the ledger, goods, redemption and its refusals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cunwu.domain import idnumbers
from cunwu.domain.residents import Person
from points_support import people

DAY = "2026-03-02"


@pytest.fixture
def village(store, admin, tmp_path):
    uuids = people(store, admin, 3)
    numbers = [idnumbers.make("330106", dt.date(1970 + i, 5, 1), 11 + i) for i in range(3)]
    with store.write(admin, "test.ids") as uow:
        for uuid, number in zip(uuids, numbers):
            p = uow.session.get(Person, uuid)
            p.id_number = number
            uow.save(p)
    store.close()
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": [
        {"code": "HJ", "name": "参加环境整治", "points": 5, "unit": "次"},
        {"code": "XL", "name": "志愿巡逻", "points": 3, "unit": "小时"}],
        "effective_from": "2026-01-01",
        "approved_by_meeting": "6f1c1f52-6a53-4c57-9d7c-2f7c39a9a001"}), encoding="utf-8")
    activity = tmp_path / "activity.json"
    activity.write_text(json.dumps({"title": "春季环境整治", "date": DAY, "rule": "XL",
                                    "participants": [{"person": n.lower(), "quantity": 2}
                                                     for n in numbers]}), encoding="utf-8")
    return {"uuids": uuids, "numbers": numbers, "rules": rules, "activity": activity}


def _on(day: str) -> dict:
    return {"CUNWU_TODAY": day}


def test_points_from_rules_to_redemption(cli, village, tmp_path):
    r = cli("points", "rules", "add", str(village["rules"]), "--json", user="clerk")
    assert r.code == 0, r.err
    assert [x["code"] for x in r.json] == ["HJ", "XL"]
    r = cli("points", "activity", "add", str(village["activity"]), user="clerk", env=_on(DAY))
    assert r.code == 0, r.err
    uuid = r.out.strip()
    r = cli("points", "approve", uuid, user="clerk", env=_on(DAY))
    assert r.code == 1 and "E_POINTS_SAME_APPROVER" in r.err
    assert cli("points", "approve", uuid, user="admin", env=_on(DAY)).code == 0
    out = tmp_path / "list.pdf"
    r = cli("points", "publish", uuid, "--out", str(out), "--json", user="clerk", env=_on(DAY))
    assert r.code == 0, r.err
    assert r.json["publicity_ends"] == "2026-03-08" and out.stat().st_size > 1000
    r = cli("points", "post", uuid, user="clerk", env=_on("2026-03-08"))
    assert r.code == 1 and "E_POINTS_PUBLICITY" in r.err
    assert cli("points", "ledger", "--json", user="clerk").json == []
    r = cli("points", "post", uuid, "--json", user="clerk", env=_on("2026-03-09"))
    assert r.code == 0 and r.json["posted"] == 3
    balances = cli("points", "balances", "--json", user="clerk").json
    assert {b["person"]: b["balance"] for b in balances} == {u: 6 for u in village["uuids"]}
    homes = cli("points", "balances", "--household", "--json", user="clerk").json
    assert sorted(h["balance"] for h in homes) == [6, 12] and "household" in homes[0]
    ledger = cli("points", "ledger", "--person", village["uuids"][0], "--json", user="clerk").json
    assert [(e["kind"], e["points"], e["rule"]) for e in ledger] == [("earn", 6, "XL")]
    assert cli("points", "ranking", "--period", "2026", "--json", user="clerk").json[0]["earned"] == 6

    assert cli("points", "goods", "add", "--name", "洗衣粉", "--price", "4", "--stock", "1",
               user="clerk").code == 0
    person = village["numbers"][0]
    r = cli("points", "redeem", "--person", person, "--goods", "洗衣粉", "--qty", "2", user="clerk")
    assert r.code == 1 and "E_POINTS_STOCK" in r.err
    assert cli("points", "goods", "restock", "--name", "洗衣粉", "--add", "5", user="clerk").code == 0
    r = cli("points", "redeem", "--person", person, "--goods", "洗衣粉", "--qty", "2", user="clerk")
    assert r.code == 1 and "E_POINTS_BALANCE" in r.err
    receipt = tmp_path / "receipt.pdf"
    r = cli("points", "redeem", "--person", person, "--goods", "洗衣粉", "--qty", "1",
            "--receipt", str(receipt), "--json", user="clerk", env=_on("2026-03-10"))
    assert r.code == 0, r.err
    assert (r.json["total"], r.json["balance_after"]) == (4, 2) and receipt.exists()
    assert cli("points", "goods", "list", "--json").json[0]["stock"] == 5
    assert cli("points", "receipt", r.json["number"], "--out", str(tmp_path / "again.pdf")).code == 0


def test_bad_input_is_refused_clearly(cli, village, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = cli("points", "rules", "add", str(bad), user="clerk")
    assert r.code == 1 and "E_POINTS_INPUT" in r.err
    assert cli("points", "rules", "add", str(village["rules"]), user="clerk").code == 0
    negative = tmp_path / "neg.json"
    negative.write_text(json.dumps({"title": "巡逻", "date": DAY, "rule": "XL", "participants": [
        {"person": village["numbers"][0], "quantity": -2}]}), encoding="utf-8")
    r = cli("points", "activity", "add", str(negative), user="clerk", env=_on(DAY))
    assert r.code == 1 and "E_POINTS_QUANTITY" in r.err
    early = tmp_path / "early.json"
    early.write_text(json.dumps({"title": "巡逻", "date": "2025-12-01", "rule": "XL",
                                 "participants": [{"person": village["numbers"][0], "quantity": 1}]}),
                     encoding="utf-8")
    r = cli("points", "activity", "add", str(early), user="clerk", env=_on(DAY))
    assert r.code == 1 and "E_POINTS_RULE_DATES" in r.err
    assert cli("points", "activity", "list", "--json").json == []
    r = cli("points", "redeem", "--person", village["uuids"][0], "--goods", "x", "--qty", "1")
    assert r.code == 2 and "E_AUTH_REQUIRED" in r.err


def test_objection_reversal_settings_and_ranking(cli, store, admin, clerk, tmp_path, monkeypatch):
    from cunwu.services import points as svc
    from cunwu.services import points_rules
    from points_support import people as make_people

    folks = make_people(store, admin, 2)
    monkeypatch.setenv("CUNWU_TODAY", DAY)
    points_rules.add_rules(store, clerk, [{"code": "HJ", "name": "参加环境整治", "points": 5,
                                  "unit": "次"}], "2026-01-01")
    a = svc.add_activity(store, clerk, title="河道清理", held_on=DAY, rule="HJ",
                         participants=[{"person": p, "quantity": 2} for p in folks])
    svc.approve(store, admin, a.uuid)
    svc.publish(store, clerk, a.uuid)
    store.close()
    shown = cli("points", "activity", "show", a.uuid, "--json", user="clerk").json
    first = shown["people"][0]["uuid"]
    assert cli("points", "object", first, "--reason", "未参加", user="clerk", env=_on(DAY)).code == 0
    r = cli("points", "post", a.uuid, "--json", user="clerk", env=_on("2026-03-09"))
    assert r.json["posted"] == 1
    r = cli("points", "resolve", first, "--dismiss", "--answer", "已核实", "--json", user="admin",
            env=_on("2026-03-09"))
    assert r.json["state"] == "pending"
    assert cli("points", "post", a.uuid, "--json", user="clerk", env=_on("2026-03-09")).json["posted"] == 1
    entry = cli("points", "ledger", "--json", user="clerk").json[0]
    r = cli("points", "reverse", entry["uuid"], "--reason", "录入错误", "--json", user="admin")
    assert r.code == 0 and r.json["points"] == -entry["points"]
    r = cli("points", "reverse", entry["uuid"], "--reason", "again", user="admin")
    assert r.code == 1 and "E_POINTS_ALREADY_REVERSED" in r.err
    levels = tmp_path / "levels.json"
    levels.write_text(json.dumps([{"name": "文明户", "min": 5}]), encoding="utf-8")
    r = cli("points", "settings", "--scope", "household", "--levels", str(levels), "--json",
            user="admin")
    assert r.json["scope"] == "household" and r.json["levels"] == [{"name": "文明户", "min": 5}]
    rank = cli("points", "ranking", "--period", "2026", "--household", "--json", user="clerk").json
    assert [(x["earned"], x["level"]) for x in rank] == [(10, "文明户")]
    r = cli("points", "ranking", "--period", "2026-13", "--json", user="clerk")
    assert r.code == 1 and "E_POINTS_PERIOD" in r.err
