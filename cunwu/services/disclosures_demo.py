"""Demo disclosures for `cunwu demo`: a year of 财务 and 村务 notices and relief lists,
signed off and posted, with feedback, a correction, a draft waiting for sign-off, and one
monthly 财务公开 left overdue so the schedule has something to say.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cunwu import clock
from cunwu.domain.disclosures import month_end, period_label
from cunwu.services import disclosures as svc
from cunwu.services.disclosure_schedule import due
from cunwu.services.relief_lists import generate
from cunwu.services.village import admin_actor

INCOME = ("上级转移支付", "村集体房屋租金", "土地承包费", "项目补助资金", "利息收入")
EXPENSE = ("村干部误工补贴", "道路保洁费", "办公用品", "路灯电费", "水渠维修", "慰问困难群众",
           "环境整治", "文化活动")
AFFAIRS = (("关于{q}村级重大事项及工作开展情况的公开", "本季度召开村民代表会议，讨论通过了村道硬化、"
            "垃圾分类设施建设等事项，现将有关情况公开如下。"),
           ("关于{q}惠农补贴发放情况的公开", "本季度各项惠农补贴已通过“一卡通”发放到户，"
            "明细如下，请村民核对。"))


def _months_back(today: dt.date, n: int) -> dt.date:
    y, m = today.year, today.month - n
    while m < 1:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def _finance_table(rng, a: dt.date, b: dt.date) -> dict:
    rows, income, spent = [], Decimal(0), Decimal(0)
    for _ in range(rng.randint(6, 11)):
        day = a + dt.timedelta(days=rng.randint(0, (b - a).days))
        if rng.random() < 0.35:
            amount = Decimal(rng.randint(20, 600) * 100)
            income += amount
            rows.append([day.isoformat(), rng.choice(INCOME), f"{amount:.2f}", "", ""])
        else:
            amount = Decimal(rng.randint(300, 120000)) / 10
            spent += amount
            rows.append([day.isoformat(), rng.choice(EXPENSE), "", f"{amount:.2f}", "凭证已附"])
    rows.sort()
    rows.append(["合计", "", f"{income:.2f}", f"{spent:.2f}", ""])
    return {"title": "收支明细", "columns": ["日期", "摘要", "收入（元）", "支出（元）", "备注"],
            "rows": rows}

def _publish(store, clerk, supervisor, uuid: str, posting: dt.date, today: dt.date) -> None:
    posting = min(posting, today)
    with clock.working_date(max(posting - dt.timedelta(days=1), dt.date.min)):
        svc.sign_off(store, supervisor, uuid, posting_date=posting)
        svc.post(store, clerk, uuid)


def populate_demo(store, actor, rng) -> None:
    today = clock.today()
    clerk = admin_actor(store, "clerk")
    supervisor = admin_actor(store, "supervisor")
    start = _months_back(today, 12)
    svc.change_rules(store, actor, phone="0571-8888 6666", place="村委会门口村务公开栏",
                     schedule_from=start, finance_every="month", affairs_every="quarter")

    # A year of monthly 财务公开; the month before last is left undone: overdue.
    skipped = _months_back(today, 2)
    for n in range(12, 0, -1):
        a = _months_back(today, n)
        if a == skipped:
            continue
        b = month_end(a.year, a.month)
        d = svc.add(store, clerk, {
            "kind": "finance", "category": "财务", "title": f"{period_label(a, b)}财务收支公开",
            "period": {"from": a.isoformat(), "to": b.isoformat()},
            "body": "现将本村本月财务收支情况公开如下，接受村民监督。",
            "tables": [_finance_table(rng, a, b)], "posting_days": 7})
        _publish(store, clerk, supervisor, d.uuid, b + dt.timedelta(days=5), today)

    # 村务 each quarter, and the relief lists of each quarter.
    for n in (12, 9, 6, 3):
        first = _months_back(today, n)
        q_start = dt.date(first.year, first.month - (first.month - 1) % 3, 1)
        q_end = month_end(q_start.year, q_start.month + 2)
        if q_end >= today:
            continue
        title, body = AFFAIRS[n % 2]
        d = svc.add(store, clerk, {"kind": "free", "category": "村务",
                                   "title": title.format(q=period_label(q_start, q_end)),
                                   "period": {"from": q_start.isoformat(), "to": q_end.isoformat()},
                                   "body": body})
        _publish(store, clerk, supervisor, d.uuid, q_end + dt.timedelta(days=6), today)
        q = f"{q_start.year}Q{(q_start.month - 1) // 3 + 1}"
        d = generate(store, clerk, "dibao", q)
        _publish(store, clerk, supervisor, d.uuid, q_start + dt.timedelta(days=3), today)

    posted = [d for d in svc.list_all(store) if d.status == "posted"]
    if posted:
        target = posted[len(posted) // 2]
        fb = svc.add_feedback(store, clerk, target.uuid, kind="咨询", from_name="王大伯",
                              content="道路保洁费为什么比上月多？",
                              received_on=target.posting_date + dt.timedelta(days=2))
        svc.answer_feedback(store, clerk, fb.uuid, "本月增加了春节前的集中清运，费用已附明细。")
        fix = svc.correct(store, clerk, posted[0].uuid,
                          {"body": "更正：上期公开中“办公用品”一项金额录入有误，现更正如下。"})
        svc.sign_off(store, supervisor, fix.uuid, posting_date=today)
        svc.post(store, clerk, fix.uuid)
    for d in svc.list_all(store):
        end = d.period_end()
        if d.status == "posted" and end and end < today - dt.timedelta(days=90):
            svc.archive(store, clerk, d.uuid)

    # Relief lists that changed after their last notice are published now, so the only
    # overdue item is the skipped 财务公开.
    for item in due(store, today):
        if item.kind in ("dibao", "tekun", "linshi"):
            period = f"{today.year}Q{(today.month - 1) // 3 + 1}"
            d = generate(store, clerk, item.kind, period)
            _publish(store, clerk, supervisor, d.uuid, today, today)
    # Matters resolved by the villagers' meeting get their 决议公开, linked by UUID.
    for item in due(store, today):
        if item.kind == "decision":
            _publish_decision(store, clerk, supervisor, item, today)
    svc.add(store, clerk, {"kind": "decision", "category": "村务",
                           "title": "关于村集体闲置房屋出租的决议公开",
                           "period": {"from": today.replace(day=1).isoformat(),
                                      "to": today.isoformat()},
                           "body": "经村民代表会议表决通过，村集体闲置房屋以公开竞价方式出租，"
                                   "租期三年。现予公开。", "posting_days": 5})


def _publish_decision(store, clerk, supervisor, item, today: dt.date) -> None:
    from cunwu.services.disclosure_schedule import resolved_matters

    title = item.title.split("：", 1)[-1]
    matter = next((u for u, t, day in resolved_matters(store, today)
                   if t == title and day == item.period_from), None)
    day = item.period_from
    d = svc.add(store, clerk, {
        "kind": "decision", "category": "村务", "title": f"关于{title}的决议公开",
        "period": {"from": day.isoformat(), "to": day.isoformat()}, "posting_days": 5,
        "matter_uuid": matter,
        "body": f"经村民代表会议于{day.year}年{day.month}月{day.day}日表决通过，"
                f"现将“{title}”的决议内容公开如下，接受村民监督。"})
    _publish(store, clerk, supervisor, d.uuid, day + dt.timedelta(days=2), today)
