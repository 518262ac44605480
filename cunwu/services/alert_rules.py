"""The rules of 动态监测: each reads the store and returns the day's alerts of one kind, with the
facts it derives from (an alert's key hashes them, so a dismissed alert comes back when they change).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import text

from cunwu.domain.monitoring import BENEFIT_TAGS
from cunwu.i18n import _
from cunwu.store.canonical import canonical_json


@dataclass(frozen=True)
class Alert:
    kind: str
    person_uuid: str
    person_name: str
    message: str
    due: dt.date
    facts: tuple = ()

    @property
    def key(self) -> str:
        """Stable while the alert's kind, person and facts stay the same."""
        raw = canonical_json([self.kind, self.person_uuid, [str(f) for f in self.facts]])
        return hashlib.sha256(raw).hexdigest()[:32]

    def json(self) -> dict:
        return {"kind": self.kind, "person_uuid": self.person_uuid, "name": self.person_name,
                "message": self.message, "due": self.due.isoformat(), "key": self.key}


def d(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def birthdays(conn, day: dt.date, age: int) -> list[Alert]:
    born_year = day.year - age
    month = f"{born_year:04d}-{day.month:02d}-"
    rows = conn.execute(text(
        "SELECT uuid, name, birth_date FROM persons WHERE birth_date >= :lo AND birth_date <= :hi "
        "AND status NOT IN ('迁出', '死亡')"), {"lo": month + "01", "hi": month + "31"}).all()
    out = []
    last = calendar.monthrange(day.year, day.month)[1]
    for uuid, name, birth in rows:
        birth = d(birth)
        due = dt.date(day.year, day.month, min(birth.day, last))
        out.append(Alert("elderly_birthday", uuid, name, _(
            "{name} turns {age} on {due}: apply for the old-age allowance (高龄津贴).").format(
                name=name, age=age, due=due.isoformat()), due, (birth, age)))
    return out


def reviews(conn, day: dt.date, cfg: dict) -> list[Alert]:
    horizon = day + dt.timedelta(days=cfg["review_notice_days"])
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, t.tag, t.review_due, t.data FROM person_tags t "
        "JOIN persons p ON p.uuid = t.person_uuid WHERE t.review_due IS NOT NULL "
        "AND t.review_due <= :horizon AND (t.until IS NULL OR t.until >= :day) "
        "AND p.status NOT IN ('迁出', '死亡')"),
        {"horizon": horizon.isoformat(), "day": day.isoformat()}).all()
    out = []
    for uuid, name, tag, due, data in rows:
        due = d(due)
        if tag == "低保":
            kind, msg = "dibao_review", _("The 低保 review of {name} is due on {due}.")
        elif tag == "残疾" and json.loads(data or "{}").get("two_subsidies"):
            kind, msg = ("disability_subsidy_review",
                         _("The disability subsidy (两项补贴) review of {name} is due on {due}."))
        else:
            kind, msg = "review_due", _("The {tag} review of {name} is due on {due}.")
        out.append(Alert(kind, uuid, name, msg.format(name=name, due=due.isoformat(), tag=tag), due,
                         (tag, due)))
    return out


def left_behind(conn, day: dt.date, child_age: int) -> list[Alert]:
    """Children under the age whose parents in the household are all away (外出务工)."""
    born_after = day.replace(year=day.year - child_age) if not (day.month == 2 and day.day == 29) \
        else dt.date(day.year - child_age, 2, 28)
    children = conn.execute(text(
        "SELECT c.uuid, c.name, c.relation, c.household_uuid FROM persons c "
        "WHERE c.birth_date > :born AND c.household_uuid IS NOT NULL "
        "AND c.relation IN ('子', '女', '孙子', '孙女') AND c.status NOT IN ('迁出', '死亡') "
        "AND NOT EXISTS (SELECT 1 FROM person_tags t WHERE t.person_uuid = c.uuid "
        " AND t.tag = '留守儿童' AND (t.until IS NULL OR t.until >= :day))"),
        {"born": born_after.isoformat(), "day": day.isoformat()}).all()
    if not children:
        return []
    members: dict[str, list[tuple]] = {}
    for hh, relation, status, sex in conn.execute(text(
            "SELECT household_uuid, relation, status, sex FROM persons WHERE household_uuid IN "
            "(SELECT DISTINCT household_uuid FROM persons WHERE relation IN ('子','女','孙子','孙女')) "
            "AND status NOT IN ('迁出', '死亡')")):
        members.setdefault(hh, []).append((relation, status, sex))
    out = []
    for uuid, name, relation, hh in children:
        parent_roles = ("户主", "配偶") if relation in ("子", "女") else ("子", "女", "儿媳", "女婿")
        # parents recorded in the household (living ones): all of them away
        parents = [m for m in members.get(hh, []) if m[0] in parent_roles]
        away = bool(parents) and all(m[1] == "外出务工" for m in parents)
        if away:
            out.append(Alert("left_behind_child", uuid, name, _(
                "Both parents of {name} are away: check whether the child is left behind (留守儿童).")
                .format(name=name), day, (hh, relation)))
    return out


def not_visited(conn, day: dt.date, days: int) -> list[Alert]:
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, t.since, (SELECT max(v.visited_on) FROM visits v "
        " WHERE v.person_uuid = p.uuid) FROM person_tags t JOIN persons p ON p.uuid = t.person_uuid "
        "WHERE t.tag = '独居老人' AND t.since <= :day AND (t.until IS NULL OR t.until >= :day) "
        "AND p.status NOT IN ('迁出', '死亡')"), {"day": day.isoformat()}).all()
    out = []
    for uuid, name, since, last in rows:
        last = d(last)
        due = (last or d(since)) + dt.timedelta(days=days)
        if due <= day:
            msg = (_("{name} lives alone and was last visited on {last}; a visit was due on {due}.")
                   if last else _("{name} lives alone and has no recorded visit; a visit was due on {due}."))
            out.append(Alert("elderly_not_visited", uuid, name, msg.format(
                name=name, last=last.isoformat() if last else "", due=due.isoformat()), due,
                (last,)))
    return out


def benefit_after_exit(conn, day: dt.date) -> list[Alert]:
    tags = ", ".join(f"'{t}'" for t in sorted(BENEFIT_TAGS))
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, p.status, p.status_since, group_concat(t.tag, '、') FROM persons p "
        "JOIN person_tags t ON t.person_uuid = p.uuid "
        f"WHERE p.status IN ('迁出', '死亡') AND t.tag IN ({tags}) "
        "AND (t.until IS NULL OR t.until >= :day) GROUP BY p.uuid"), {"day": day.isoformat()}).all()
    out = []
    for uuid, name, status, since, held in rows:
        due = d(since) or day
        out.append(Alert("benefit_after_exit", uuid, name, _(
            "{name} is marked {status} but still holds {tags}: end the benefit.").format(
                name=name, status=status, tags=held), due, (status, since, held)))
    return out


# Ages at which a 低保 household's assessment changes: a child becomes an adult who may work,
# a worker reaches the age of the old-age pension.
REASSESS_AGES = (16, 18, 60)


def dibao_household_changed(conn, day: dt.date) -> list[Alert]:
    """A 低保 holder whose household changed since the last review: a member's status changed,
    or a member passed one of REASSESS_AGES. The last review is the day the 低保 tag's next
    review date was last set (its start when never)."""
    holders = conn.execute(text(
        "SELECT p.uuid, p.name, p.household_uuid, t.since, (SELECT max(e.today) FROM person_events e "
        " WHERE e.person_uuid = p.uuid AND e.action = 'tags.edit' "
        " AND e.changes LIKE '%\"低保.review_due\"%') FROM person_tags t "
        "JOIN persons p ON p.uuid = t.person_uuid WHERE t.tag = '低保' AND t.since <= :day "
        "AND (t.until IS NULL OR t.until >= :day) AND p.household_uuid IS NOT NULL "
        "AND p.status NOT IN ('迁出', '死亡')"), {"day": day.isoformat()}).all()
    if not holders:
        return []
    members: dict[str, list[tuple]] = {}
    for hh, name, birth, status, since in conn.execute(text(
            "SELECT household_uuid, name, birth_date, status, status_since FROM persons "
            "WHERE household_uuid IN (SELECT p.household_uuid FROM person_tags t JOIN persons p "
            "ON p.uuid = t.person_uuid WHERE t.tag = '低保')")):
        members.setdefault(hh, []).append((name, d(birth), status, d(since)))
    out, seen = [], set()
    for uuid, name, hh, tag_since, reviewed in holders:
        if hh in seen:
            continue  # one alert per household, on its first holder
        last = d(reviewed) or d(tag_since)
        changed = []
        for member, birth, status, since in members.get(hh, []):
            if since is not None and last < since <= day:
                changed.append(f"{member} {status} {since.isoformat()}")
            for age in REASSESS_AGES:
                if birth is not None and last < _birthday(birth, age) <= day:
                    changed.append(f"{member} {age}")
        if changed:
            seen.add(hh)
            out.append(Alert("dibao_household_changed", uuid, name, _(
                "The household of {name} (低保) changed since its last review on {last}: {what}. "
                "Review the 低保.").format(name=name, last=last.isoformat(), what="、".join(changed)),
                day, (hh, last, tuple(changed))))
    return out


def _birthday(birth: dt.date, age: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February
        return dt.date(birth.year + age, 3, 1)


def children_not_visited(conn, day: dt.date, days: int) -> list[Alert]:
    """困境儿童 and 事实无人抚养儿童 with no visit in the village's visit interval."""
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, min(t.since), (SELECT max(v.visited_on) FROM visits v "
        " WHERE v.person_uuid = p.uuid) FROM person_tags t JOIN persons p ON p.uuid = t.person_uuid "
        "WHERE t.tag IN ('困境儿童', '事实无人抚养儿童') AND t.since <= :day "
        "AND (t.until IS NULL OR t.until >= :day) AND p.status NOT IN ('迁出', '死亡') "
        "GROUP BY p.uuid"), {"day": day.isoformat()}).all()
    out = []
    for uuid, name, since, last in rows:
        last = d(last)
        due = (last or d(since)) + dt.timedelta(days=days)
        if due <= day:
            out.append(Alert("child_not_visited", uuid, name, _(
                "{name} is a child in difficulty (困境儿童) with no visit since {last}; a visit was "
                "due on {due}.").format(name=name, last=(last or d(since)).isoformat(),
                                        due=due.isoformat()), due, (last,)))
    return out


def disability_without_subsidy(conn, day: dt.date) -> list[Alert]:
    """A person with a 一级 or 二级 disability who does not receive the 两项补贴."""
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, t.since, t.data FROM person_tags t JOIN persons p "
        "ON p.uuid = t.person_uuid WHERE t.tag = '残疾' AND t.since <= :day "
        "AND (t.until IS NULL OR t.until >= :day) AND p.status NOT IN ('迁出', '死亡')"),
        {"day": day.isoformat()}).all()
    out = []
    for uuid, name, since, data in rows:
        details = json.loads(data or "{}")
        level = details.get("level")
        if level in ("一级", "二级") and not details.get("two_subsidies"):
            out.append(Alert("disability_no_subsidy", uuid, name, _(
                "{name} has a {level} disability but no disability subsidy (两项补贴): check the "
                "application.").format(name=name, level=level), d(since), (level,)))
    return out
