"""Demo meetings (`cunwu demo`): memberships, a year of the village's meetings with votes and
concerns, one 村民代表会议 that missed its quorum, and two 四议两公开 matters under way.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu import clock
from cunwu.domain import meetings as m
from cunwu.domain.residents import GONE, Person, age_on
from cunwu.services import matters, memberships
from cunwu.services.meeting_queries import expected_for, meeting_detail
from cunwu.services.meeting_votes import record_votes
from cunwu.services.meetings import close_meeting, save_meeting

PLACE = "村委会二楼会议室"
TOPICS = ["村内道路硬化工程方案", "农村人居环境整治工作安排", "村集体经济合作社年度收支", "自来水管网改造",
          "垃圾分类积分兑换办法", "防汛防台应急预案", "村规民约修订草案", "困难群众临时救助名单",
          "村级公益事业一事一议筹资", "村庄亮化工程", "老年食堂运营方案", "河道保洁承包"]
CONCERNS = [("村口路灯坏了三盏，晚上出行不便", "已联系电工，本周内修复"),
            ("三组排水沟堵塞，下雨积水", "安排保洁员清理，并列入明年改造计划"),
            ("希望增加垃圾清运次数", "与清运公司协商，夏季改为每日清运"),
            ("村卫生室开放时间太短", "与镇卫生院协调，增加周六上午门诊"),
            ("广场舞音响太响影响休息", "与舞蹈队约定晚上八点半前结束"),
            ("农田灌溉渠漏水", "已报镇农办，等待维修资金")]


def _adults(session, today: dt.date) -> list[Person]:
    rows = session.exec(select(Person).where(Person.status.not_in(tuple(GONE)))).all()
    return [p for p in rows if (age_on(p.birth_date, today) or 0) >= 25]


def _people(store, actor, rng, today: dt.date) -> dict[str, list[Person]]:
    """Some adults made 党员 (the residents' demo has none), and the bodies' members."""
    with store.write(actor, "demo.party_members") as uow:
        # sorted by something the seed decides (UUIDs are random), so the demo is repeatable
        adults = sorted(_adults(uow.session, today), key=lambda p: (p.id_number or "", p.name))
        rng.shuffle(adults)
        party = [p for p in adults if p.party_member]
        for p in adults[:max(30, len(adults) // 16)]:
            if not p.party_member:
                p.party_member = True
                uow.save(p)
                party.append(p)
    committee = party[:7]
    supervision = [p for p in adults if p not in party][:3]
    by_household: dict[str, list[str]] = {}
    for p in adults:
        by_household.setdefault(p.household_uuid or "", []).append(p.uuid)
    households = sorted(h for h in by_household if h)
    reps = []
    # one 村民代表 for every 10 or so households, each representing those households
    for i in range(0, len(households), 10):
        group = households[i:i + 10]
        rep = next(u for u in by_household[group[0]])
        reps.append((rep, group))
    since = dt.date(today.year - 2, 1, 1)
    for p in committee:
        memberships.add_member(store, actor, m.BODY_COMMITTEES, p.uuid, since=since,
                               role="书记" if p is committee[0] else "委员")
    for p in supervision:
        memberships.add_member(store, actor, m.BODY_SUPERVISION, p.uuid, since=since)
    for rep, group in reps:
        memberships.add_member(store, actor, m.BODY_REPRESENTATIVES, rep, since=since, households=group)
    return {"party": party, "committee": committee, "supervision": supervision,
            "reps": [r for r, _g in reps]}


def _attending(rng, uuids: list[str], share: float) -> tuple[list[str], list[str]]:
    present = [u for u in uuids if rng.random() < share]
    rest = [u for u in uuids if u not in present]
    excused = [u for u in rest if rng.random() < 0.5]
    return present, excused


def _items(rng, n: int, present: int, topics: list[str]) -> list[dict]:
    out = []
    for title in topics[:n]:
        yes = max(present // 2 + 1, present - rng.randint(0, max(present // 5, 1)))
        no = rng.randint(0, present - yes)
        out.append({"title": title, "votes": {"同意": yes, "反对": no, "弃权": present - yes - no},
                    "resolution": f"同意{title}，由村委会组织实施。"})
    return out


def populate(store, actor, rng) -> None:
    today = clock.today()
    people = _people(store, actor, rng, today)
    uuids = {k: [p if isinstance(p, str) else p.uuid for p in v] for k, v in people.items()}
    start = today - dt.timedelta(days=360)
    plan = []
    for month in range(12):
        day = start + dt.timedelta(days=30 * month + 3)
        plan.append((day, m.COMMITTEES))
        if month % 3 == 1:
            plan += [(day + dt.timedelta(days=7), m.REPRESENTATIVES), (day + dt.timedelta(days=9), m.PARTY),
                     (day + dt.timedelta(days=12), m.SUPERVISION)]
        if month % 2 == 0:
            plan.append((day + dt.timedelta(days=15), m.HEARING if month % 4 == 0 else m.CONSULTATION))
    plan.append((start + dt.timedelta(days=200), m.VILLAGERS))
    thin_done = False
    for n, (day, kind) in enumerate(sorted(plan)):
        if day > today:
            continue
        topics = rng.sample(TOPICS, 3)
        held_at = dt.datetime.combine(day, dt.time(19 if kind in m.CONCERN_KINDS else 9, 0))
        data = {"kind": kind, "title": f"{day.year}年{day.month}月{kind}", "held_at": held_at.isoformat(),
                "place": PLACE, "chair": people["committee"][0].name, "recorder": people["committee"][1].name,
                "minutes": f"会议由{people['committee'][0].name}主持。与会人员就{'、'.join(topics[:2])}等事项进行了讨论。"}
        if kind in m.CONCERN_KINDS:
            pool = list(dict.fromkeys(uuids["reps"] + uuids["party"][:20]))
            present = rng.sample(pool, min(len(pool), rng.randint(15, 25)))
            data |= {"expected": present, "present": present,
                     "concerns": [{"raised_by": rng.choice(present), "topic": t, "answer": a,
                                   # older ones are settled; of the recent ones the first stays open
                                   **({"follow_up": "已办结", "closed": True}
                                      if day < today - dt.timedelta(days=90) or (i and rng.random() < 0.6)
                                      else {"due": (day + dt.timedelta(days=30)).isoformat()})}
                                  for i, (t, a) in enumerate(rng.sample(CONCERNS, 2))]}
        elif kind == m.VILLAGERS:
            adults = [a["person_uuid"] for a in expected_for(store, kind, data["held_at"])]
            present, excused = _attending(rng, adults, 0.62)
            data |= {"present": present, "excused": excused,
                     "items": _items(rng, 1, len(present), ["村规民约修订草案"])}
        else:
            body = {m.COMMITTEES: "committee", m.SUPERVISION: "supervision",
                    m.REPRESENTATIVES: "reps", m.PARTY: "party"}[kind]
            present, excused = _attending(rng, uuids[body], 0.9)
            if kind == m.REPRESENTATIVES and not thin_done and day > start + dt.timedelta(days=100):
                thin_done = True  # this one misses its quorum: only half came
                present = uuids[body][: len(uuids[body]) // 2]
                excused = [u for u in excused if u not in present]
            data |= {"present": present, "excused": excused}
            meeting = save_meeting(store, actor, data | {"items": [{"title": t} for t in topics[:2]]})
            d = meeting_detail(store, meeting.uuid)
            if d["quorum_met"]:
                data["items"] = _items(rng, 2, d["present_count"], topics)
                save_meeting(store, actor, {"items": data["items"]}, meeting.uuid)
            if day < today - dt.timedelta(days=20):
                close_meeting(store, actor, meeting.uuid)
            continue
        meeting = save_meeting(store, actor, data)
        if day < today - dt.timedelta(days=20):
            close_meeting(store, actor, meeting.uuid)
    _matters(store, actor, rng, people, uuids, today)
    soon = today + dt.timedelta(days=10)
    save_meeting(store, actor, {"kind": m.REPRESENTATIVES, "title": f"{soon.year}年{soon.month}月村民代表会议",
                                "held_at": dt.datetime.combine(soon, dt.time(9)).isoformat(),
                                "place": PLACE, "items": [{"title": "村集体果园承包方案"}]})


def _held(store, actor, kind, title, day, present, topic):
    meeting = save_meeting(store, actor, {
        "kind": kind, "title": title, "held_at": dt.datetime.combine(day, dt.time(9)).isoformat(),
        "place": PLACE, "present": present, "items": [{"title": topic}]})
    return meeting.uuid


def _vote(store, actor, meeting_uuid, rng):
    d = meeting_detail(store, meeting_uuid)
    present = d["present_count"]
    yes = present - rng.randint(0, max(present // 6, 1))
    record_votes(store, actor, meeting_uuid, d["items"][0]["uuid"], yes, present - yes, 0,
                 resolution="同意该方案。")


def _matters(store, actor, rng, people, uuids, today: dt.date) -> None:
    """村道硬化 decided and under 督办; 果园承包 waiting for the 党员大会."""
    road = matters.add_matter(store, actor, {"title": "村道硬化二期工程", "responsible": people["committee"][2].name,
                                             "description": "硬化三组至五组村道约2.4公里，预算约86万元。",
                                             "due": (today + dt.timedelta(days=45)).isoformat()})
    day = today - dt.timedelta(days=40)
    matters.advance(store, actor, road.uuid, "propose", note="村党支部委员会提出", on=day - dt.timedelta(days=3))
    committee = _held(store, actor, m.COMMITTEES, "村道硬化二期商议", day, uuids["committee"], "村道硬化二期工程")
    matters.advance(store, actor, road.uuid, "consult", meeting=committee)
    congress = _held(store, actor, m.PARTY, "党员大会审议村道硬化", day + dt.timedelta(days=5),
                     uuids["party"][: len(uuids["party"]) * 9 // 10], "村道硬化二期工程")
    _vote(store, actor, congress, rng)
    matters.advance(store, actor, road.uuid, "review", meeting=congress)
    reps = _held(store, actor, m.REPRESENTATIVES, "村民代表会议决议村道硬化", day + dt.timedelta(days=10),
                 uuids["reps"][: len(uuids["reps"]) * 9 // 10], "村道硬化二期工程")
    _vote(store, actor, reps, rng)
    matters.advance(store, actor, road.uuid, "resolve", meeting=reps)

    orchard = matters.add_matter(store, actor, {"title": "村集体果园承包方案", "responsible": people["committee"][3].name,
                                                "description": "村集体果园120亩公开发包，期限五年。"})
    matters.advance(store, actor, orchard.uuid, "propose", on=today - dt.timedelta(days=9))
    talk = _held(store, actor, m.COMMITTEES, "果园承包商议", today - dt.timedelta(days=6), uuids["committee"],
                 "村集体果园承包方案")
    matters.advance(store, actor, orchard.uuid, "consult", meeting=talk)
