"""Demo points (`cunwu demo`): a year of volunteer activities entered by the clerk, approved
by the director, displayed and posted, some still waiting, and redemptions at the 积分超市.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from cunwu import clock
from cunwu.services import points, points_rules, points_settings, points_shop
from cunwu.services.village import admin_actor

RULES = [
    {"code": "HJ", "name": "参加环境整治", "points": 5, "unit": "次"},
    {"code": "YS", "name": "参加议事协商", "points": 2, "unit": "次"},
    {"code": "XL", "name": "志愿巡逻", "points": 3, "unit": "小时"},
    {"code": "ZL", "name": "助老助残服务", "points": 4, "unit": "小时"},
    {"code": "JY", "name": "见义勇为", "points": 50, "unit": "次"},
    {"code": "WG", "name": "违反村规民约", "points": -10, "unit": "次"},
]
ACTIVITIES = [("HJ", "环境卫生大扫除", "村文化广场"), ("HJ", "河道清理", "青山溪"),
              ("YS", "村民议事会", "村委会议室"), ("XL", "夜间治安巡逻", "全村"),
              ("XL", "防汛巡查", "青山溪沿岸"), ("ZL", "为独居老人送餐", "各村民小组"),
              ("ZL", "助残上门服务", "各村民小组")]
GOODS = [("洗衣粉", 10, 60), ("食用油（5升）", 60, 20), ("大米（10斤）", 40, 30),
         ("毛巾", 5, 100), ("香皂", 3, 120), ("酱油", 8, 50), ("保温杯", 30, 15), ("雨伞", 25, 20)]

def _residents(store) -> list[str]:
    with store.read() as s:
        return [r[0] for r in s.execute(text(
            "SELECT uuid FROM persons WHERE status NOT IN ('迁出', '死亡') "
            "AND household_uuid IS NOT NULL AND birth_date <= :adult ORDER BY uuid"),
            {"adult": (clock.today() - dt.timedelta(days=16 * 365)).isoformat()})]


def populate_demo(store, actor, rng) -> None:
    people = _residents(store)
    if len(people) < 10:
        return
    clerk = admin_actor(store, "clerk")
    end = clock.today()
    start = end - dt.timedelta(days=365)
    with clock.working_date(start):
        points_settings.update_settings(store, actor, scope="household", publish_days=7)
        points_rules.add_rules(store, actor, RULES, start.isoformat())
        for name, price, stock in GOODS:
            points_shop.add_goods(store, actor, name=name, price=price, stock=stock)
    pool = rng.sample(people, min(len(people), 300))  # the village's regular volunteers
    # The last two still wait: one for approval, one on public display.
    days = sorted([start + dt.timedelta(days=rng.randrange(3, 355)) for _ in range(28)]
                  + [end - dt.timedelta(days=4), end - dt.timedelta(days=1)])
    for i, day in enumerate(days):
        code, title, place = ACTIVITIES[i % len(ACTIVITIES)]
        unit_hours = code in ("XL", "ZL")
        chosen = rng.sample(pool, rng.randint(8, 30))
        if i % 9 == 5:  # now and then a deed or a breach, for one person
            code, title, place, chosen = ("JY", "见义勇为（救助落水儿童）", "青山溪", chosen[:1]) \
                if i % 2 else ("WG", "违规焚烧秸秆", "第三村民小组", chosen[:1])
            unit_hours = False
        with clock.working_date(day):
            activity = points.add_activity(
                store, clerk, title=title, held_on=day, rule=code, place=place, organiser="村委会",
                participants=[{"person": p, "quantity": rng.choice((1, 1.5, 2, 3)) if unit_hours else 1}
                              for p in chosen])
            if day > end - dt.timedelta(days=2):
                continue  # waits in the approval queue
            points.approve(store, actor, activity.uuid)
            points.publish(store, clerk, activity.uuid)
        post_day = day + dt.timedelta(days=7)
        if post_day <= end:
            with clock.working_date(post_day):
                points.post(store, clerk, activity.uuid)
    _redemptions(store, clerk, people, start, end, rng)


def _redemptions(store, clerk, people, start, end, rng) -> None:
    from cunwu.errors import CunwuError

    with store.read() as s:
        heads = [r[0] for r in s.execute(text(
            "SELECT p.uuid FROM points_balances b JOIN households h ON h.uuid = b.owner_uuid "
            "JOIN persons p ON p.uuid = h.head_uuid WHERE b.owner_kind = 'household' "
            "AND b.balance >= 10 AND p.status NOT IN ('迁出', '死亡') ORDER BY p.uuid"))]
    visits = sorted((start + dt.timedelta(days=rng.randrange(200, 366)), person)
                    for person in rng.sample(heads, min(len(heads), 45)))
    for day, person in visits:
        goods_name, _price, _stock = rng.choice(GOODS)
        with clock.working_date(min(day, end)):
            try:
                points_shop.redeem(store, clerk, person, [(goods_name, rng.randint(1, 2))])
            except CunwuError:  # not enough points or stock: the shop says no, as it would
                continue
