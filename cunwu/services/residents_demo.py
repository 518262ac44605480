"""Demo residents for `cunwu demo`: about 400 households and 1,200 people of 青山村 with
valid ID numbers (address code 330106), a realistic share of each special group, and
some alerts due on the day the demo is made.
"""

from __future__ import annotations

import datetime as dt
import json

from cunwu import clock
from cunwu.domain import idnumbers
from cunwu.domain.households import Household
from cunwu.domain.monitoring import PersonTag, ReliefGrant, Visit
from cunwu.domain.residents import Person
from cunwu.services import search

ADDRESS = "330106"
HOUSEHOLDS = 400
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
MALE = "伟强磊军勇杰涛明超刚平辉建国华峰斌波宇浩志鹏俊飞海林东文亮成春德福生祥荣"
FEMALE = "芳娜敏静丽艳娟霞秀英兰萍红梅玲燕云莲凤琴慧珍雪桂花淑春丹琳婷"
MINORITY = ("阿依古丽·买买提", "古丽米拉·艾合买提", "扎西顿珠", "巴特尔")


class _Ids:
    def __init__(self) -> None:
        self.used: dict[dt.date, int] = {}

    def make(self, born: dt.date, sex: str) -> str:
        k = self.used.get(born, 0)
        self.used[born] = k + 1
        seq = 10 + 2 * k + (1 if sex == "男" else 2)
        return idnumbers.make(ADDRESS, born, seq)


def _name(rng, surname: str, sex: str) -> str:
    pool = MALE if sex == "男" else FEMALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return surname + given


def _born(rng, today: dt.date, lo: int, hi: int) -> dt.date:
    age = rng.randint(lo, hi)
    return today - dt.timedelta(days=age * 365 + rng.randint(0, 364))


def populate_demo(store, actor, rng) -> None:
    today = clock.today()
    now = clock.now_utc()
    ids = _Ids()
    households: list[Household] = []
    people: list[Person] = []
    members: list[list[Person]] = []

    def person(hh, name, sex, born, relation, **extra) -> Person:
        p = Person(name=name, id_number=ids.make(born, sex), sex=sex, birth_date=born,
                   ethnicity=extra.pop("ethnicity", "汉族"), household_uuid=hh.uuid,
                   relation=relation, created_at=now, created_by=actor.username,
                   phone=extra.pop("phone", ""), **extra)
        people.append(p)
        return p

    for n in range(HOUSEHOLDS):
        group = f"{n % 8 + 1}组"
        hh = Household(number=f"{n + 1:04d}", group_name=group,
                       address=f"青山村{group}{n // 8 + 1}号", created_at=now)
        households.append(hh)
        surname = rng.choice(SURNAMES)
        head_sex = "男" if rng.random() < 0.85 else "女"
        kind = rng.random()
        family: list[Person] = []
        if kind < 0.08:  # an old person on their own
            born = _born(rng, today, 70, 92)
            family.append(person(hh, _name(rng, surname, head_sex), head_sex, born, "户主"))
        else:
            head_age = rng.randint(28, 75)
            born = _born(rng, today, head_age, head_age)
            phone = f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}"
            name = MINORITY[n % 4] if n % 97 == 5 else _name(rng, surname, head_sex)
            ethnicity = "维吾尔族" if "·" in name else "汉族"
            head = person(hh, name, head_sex, born, "户主", phone=phone, ethnicity=ethnicity)
            family.append(head)
            spouse_sex = "女" if head_sex == "男" else "男"
            if rng.random() < 0.85:
                family.append(person(hh, _name(rng, rng.choice(SURNAMES), spouse_sex), spouse_sex,
                                     _born(rng, today, max(head_age - 4, 20), head_age + 2), "配偶"))
            for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3))):
                child_sex = rng.choice("男女")
                child_age = rng.randint(max(head_age - 45, 0), max(head_age - 20, 0))
                family.append(person(hh, _name(rng, surname, child_sex), child_sex,
                                     _born(rng, today, child_age, child_age),
                                     "子" if child_sex == "男" else "女"))
            if head_age < 55 and rng.random() < 0.3:
                parent_sex = rng.choice("男女")
                family.append(person(hh, _name(rng, surname if parent_sex == "男" else
                                               rng.choice(SURNAMES), parent_sex), parent_sex,
                                     _born(rng, today, head_age + 22, min(head_age + 35, 95)), "父母"))
        for p in family:
            age = (today - p.birth_date).days // 365
            if p.relation in ("户主", "配偶", "子", "女") and 18 <= age <= 50 and rng.random() < 0.2:
                p.status = "外出务工"
        hh.head_uuid = family[0].uuid
        members.append(family)

    tags, grants, visits = _groups(rng, today, households, members)
    _alerts_due(rng, today, now, households, members, people, tags, visits, ids, person)
    with store.write(actor, "demo.residents") as uow:
        uow.add_many(Household, households)
        uow.add_many(Person, people)
        uow.add_many(PersonTag, tags)
        uow.add_many(ReliefGrant, grants)
        uow.add_many(Visit, visits)
        search.index_new(uow.session, [(p.uuid, p.name, p.id_number) for p in people])
        uow.detail = {"households": len(households), "persons": len(people)}


def _tag(person, tag, since, *, review_due=None, data=None, until=None) -> PersonTag:
    return PersonTag(person_uuid=person.uuid, tag=tag, since=since, until=until,
                     review_due=review_due, data=json.dumps(data or {}, ensure_ascii=False,
                                                            sort_keys=True, separators=(",", ":")))


def _groups(rng, today, households, members):
    tags, grants, visits = [], [], []
    year_ago = today - dt.timedelta(days=365)
    for family in members:
        head = family[0]
        age = lambda p: (today - p.birth_date).days // 365  # noqa: E731
        r = rng.random()
        if r < 0.035:
            tags.append(_tag(head, "低保", year_ago - dt.timedelta(days=rng.randint(0, 900)),
                             review_due=today + dt.timedelta(days=rng.randint(20, 330)),
                             data={"covered": len(family), "monthly_amount":
                                   f"{len(family) * rng.choice((560, 620, 700))}.00"}))
        elif r < 0.05:
            tags.append(_tag(head, "低保边缘", year_ago))
        elif r < 0.057:
            tags.append(_tag(head, "特困供养", year_ago - dt.timedelta(days=400)))
        for p in family:
            if rng.random() < 0.055:
                two = rng.random() < 0.5
                tags.append(_tag(p, "残疾", year_ago - dt.timedelta(days=rng.randint(0, 2000)),
                                 review_due=today + dt.timedelta(days=rng.randint(10, 360)) if two else None,
                                 data={"type": rng.choice(("视力", "听力", "言语", "肢体", "智力", "精神", "多重")),
                                       "level": rng.choice(("一级", "二级", "三级", "四级")),
                                       "two_subsidies": two}))
            if p.sex == "男" and 25 <= age(p) <= 70 and rng.random() < 0.04:
                tags.append(_tag(p, "退役军人", p.birth_date.replace(year=p.birth_date.year + 22)))
        if len(family) == 1 and age(head) >= 65:
            tags.append(_tag(head, "独居老人", year_ago))
            visits.append(Visit(person_uuid=head.uuid, visitor="王秀英",
                                visited_on=today - dt.timedelta(days=rng.randint(1, 25)),
                                notes="身体尚好，家中整洁"))
        elif all(p.status == "外出务工" for p in family if p.relation in ("子", "女")) and \
                any(p.relation in ("子", "女") for p in family) and age(head) >= 60:
            tags.append(_tag(head, "留守老人", year_ago))
        if rng.random() < 0.025:
            grants.append(ReliefGrant(person_uuid=head.uuid,
                                      granted_on=today - dt.timedelta(days=rng.randint(5, 300)),
                                      amount=f"{rng.choice((500, 800, 1000, 2000, 3000))}.00",
                                      reason=rng.choice(("因病住院", "房屋受灾", "突发意外", "生活困难"))))
            tags.append(_tag(head, "临时救助", grants[-1].granted_on))
    for family in members:
        parents = [p for p in family if p.relation in ("户主", "配偶")]
        if parents and all(p.status == "外出务工" for p in parents):
            for child in family:
                if child.relation in ("子", "女") and (today - child.birth_date).days < 16 * 365:
                    tags.append(_tag(child, "留守儿童", year_ago))  # already known to the office
    children = [p for f in members for p in f if (today - p.birth_date).days < 16 * 365]
    for child in children[:3]:
        tags.append(_tag(child, "困境儿童", year_ago))
    if len(children) > 5:
        tags.append(_tag(children[5], "事实无人抚养儿童", year_ago))
    return tags, grants, visits


def _alerts_due(rng, today, now, households, members, people, tags, visits, ids, person) -> None:
    """A few cases the home page should show on the demo's day."""
    # someone turns 80 this month
    hh = households[3]
    born = dt.date(today.year - 80, today.month, min(28, today.day + 3))
    person(hh, "周福生", "男", born, "父母")
    # a 低保 review due in two weeks
    dibao_head = members[10][0]
    tags.append(_tag(dibao_head, "低保", today - dt.timedelta(days=700),
                     review_due=today + dt.timedelta(days=14),
                     data={"covered": len(members[10]), "monthly_amount": "1240.00"}))
    # an old person living alone, not visited for two months
    lonely = next((f[0] for f in members[20:] if len(f) == 1), None)
    if lonely is not None:
        for visit in visits:
            if visit.person_uuid == lonely.uuid:
                visit.visited_on = today - dt.timedelta(days=62)
    # a person who died last month but still holds 低保
    dead = members[30][0]
    dead.status, dead.status_since = "死亡", today - dt.timedelta(days=20)
    tags.append(_tag(dead, "低保", today - dt.timedelta(days=900),
                     data={"covered": 1, "monthly_amount": "620.00"}))
    # a child whose parents both left to work
    family = next((f for f in members[40:] if len(f) >= 3 and f[1].relation == "配偶"
                  and any(p.relation in ("子", "女") and (today - p.birth_date).days < 12 * 365
                          for p in f)), None)
    for p in (family or [])[:2]:
        p.status = "外出务工"
