"""Demo cases (`cunwu demo`): a few 工单 in every state, two made from the day's alerts, one
alert dismissed, and some overdue, so the 工单 page and the home page have something to show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import text

from cunwu import clock
from cunwu.services import alerts, cases
from cunwu.services.village import admin_actor

# (category, title, days ago opened, the steps it went through)
CASES = [
    ("临时救助", "因病致困，申请临时救助", 2, ["assign"]),
    ("住房", "房屋屋顶漏雨，需危房鉴定", 40, ["assign", "act", "escalate"]),
    ("医疗", "大病住院费用负担重", 12, ["assign", "act"]),
    ("就业", "返乡人员求职登记", 30, ["assign", "act", "close"]),
    ("低保", "家庭收入变化，申请纳入低保", 60, ["assign", "act", "close", "review"]),
    ("其他", "邻里反映独居老人近日未出门", 1, []),
]


def _people(store, n: int, rng) -> list[str]:
    with store.read() as s:
        everyone = [r[0] for r in s.execute(text(
            "SELECT uuid FROM persons WHERE status NOT IN ('迁出', '死亡') "
            "AND household_uuid IS NOT NULL ORDER BY birth_date, name"))]
    return rng.sample(everyone, n) if len(everyone) >= n else everyone


def populate_demo(store, actor, rng) -> None:
    clerk = admin_actor(store, "clerk")
    today = clock.today()
    for (category, title, ago, steps), person in zip(CASES, _people(store, len(CASES), rng)):
        n = cases.open_case(store, clerk, {
            "person": person, "category": category, "title": title,
            "severity": rng.choice(("一般", "一般", "较急")),
            "opened_on": (today - dt.timedelta(days=ago)).isoformat()})["number"]
        for step in steps:
            if step == "assign":
                cases.assign(store, actor, n, handler="clerk")
            elif step == "act":
                cases.act(store, clerk, n, "已入户核查，了解家庭情况")
            elif step == "escalate":
                cases.escalate(store, clerk, n, "需乡镇认定", department="乡镇民政办")
            elif step == "close":
                cases.close(store, clerk, n, result="已按规定办理并告知本人",
                            decision="批准" if category in ("低保", "临时救助") else "")
            elif step == "review":
                cases.review(store, actor, n, "电话回访，本人表示满意")
    # Of the day's alerts, only kinds with several: each kind stays on the home page.
    found = alerts.alerts(store, today)
    many = Counter(a.kind for a in found)
    spare = [a for a in found if many[a.kind] > 2]
    for a in spare[:2]:
        alerts.alert_to_case(store, clerk, a.key, {"handler": "clerk"})
    for a in spare[2:3]:
        if a.kind != spare[0].kind or many[a.kind] > 3:
            alerts.dismiss_alert(store, clerk, a.key, "已核实，情况属实无需处理")
