"""`cunwu points reject`: the window's 驳回 from the command line, with its reason, by a
second user; the activity goes and may be entered again."""

from __future__ import annotations

import json

from points_support import people


def test_reject_with_a_reason(cli, store, admin, tmp_path):
    from cunwu.services import points_rules

    points_rules.add_rules(store, admin, [{"code": "HJ", "name": "环境整治", "points": 5,
                                           "unit": "次"}], "2026-01-01")
    who = people(store, admin, 2)
    store.close()
    activity = tmp_path / "a.json"
    activity.write_text(json.dumps({"title": "春季环境整治", "date": "2026-03-02", "rule": "HJ",
                                    "participants": [{"person": p, "quantity": 1} for p in who]}),
                        encoding="utf-8")
    env = {"CUNWU_TODAY": "2026-03-02"}
    uuid = cli("points", "activity", "add", str(activity), user="clerk", env=env).out.strip()
    assert cli("points", "reject", uuid, user="admin", env=env).code == 2  # the reason is required
    same = cli("points", "reject", uuid, "--reason", "名单有误", user="clerk", env=env)
    assert same.code == 1 and "E_POINTS_SAME_APPROVER" in same.err
    r = cli("points", "reject", uuid, "--reason", "名单有误", "--json", user="admin", env=env)
    assert r.code == 0, r.err
    assert r.json["reason"] == "名单有误" and r.json["participants"] == 2
    assert cli("points", "activity", "list", "--json", user="admin", env=env).json == []
