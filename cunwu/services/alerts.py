"""动态监测: the alerts of a given day, each naming a person and a due date.

Kinds: `elderly_birthday` (turns the village's 高龄 age this month), `dibao_review`,
`disability_subsidy_review` (两项补贴), `review_due` (any other tag), `left_behind_child`
(both parents away), `elderly_not_visited`, `benefit_after_exit` (死亡/迁出 with a benefit tag).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import text

from cunwu import clock
from cunwu.domain.monitoring import BENEFIT_TAGS
from cunwu.i18n import N_, _

# The home page's 类别 for each kind of alert.
CATEGORIES = {"elderly_birthday": N_("Old-age allowance"), "dibao_review": N_("低保 review"),
              "disability_subsidy_review": N_("Disability subsidy review"),
              "review_due": N_("Review"), "left_behind_child": N_("Left-behind child"),
              "elderly_not_visited": N_("Visit"), "benefit_after_exit": N_("Benefit to end")}
# Which tab of the person's file an alert opens: a missed visit opens the visits.
TABS = {"elderly_not_visited": "visits"}


@dataclass(frozen=True)
class Alert:
    kind: str
    person_uuid: str
    person_name: str
    message: str
    due: dt.date

    def json(self) -> dict:
        return {"kind": self.kind, "person_uuid": self.person_uuid, "name": self.person_name,
                "message": self.message, "due": self.due.isoformat()}


def home_items(store, actor, today: dt.date) -> list[dict]:
    """The alerts as home page items (cunwu.services.home); each opens the person, at the
    tab the alert is about."""
    return [{"kind": "alert", "category": _(CATEGORIES[a.kind]), "title": a.message, "due": a.due,
             "target": ":".join(filter(None, ("residents", a.person_uuid, TABS.get(a.kind))))}
            for a in alerts(store, today)]


def _d(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def alerts(store, day: dt.date | None = None) -> list[Alert]:
    from cunwu.services.monitoring import settings

    day = day or clock.today()
    cfg = settings(store)
    with store.read() as s:
        conn = s.connection()
        out = (_birthdays(conn, day, cfg["elderly_age"]) + _reviews(conn, day, cfg)
               + _left_behind(conn, day, cfg["child_age"])
               + _not_visited(conn, day, cfg["visit_days"]) + _benefit_after_exit(conn, day))
    return sorted(out, key=lambda a: (a.due, a.kind, a.person_name))


def _birthdays(conn, day: dt.date, age: int) -> list[Alert]:
    born_year = day.year - age
    month = f"{born_year:04d}-{day.month:02d}-"
    rows = conn.execute(text(
        "SELECT uuid, name, birth_date FROM persons WHERE birth_date >= :lo AND birth_date <= :hi "
        "AND status NOT IN ('迁出', '死亡')"), {"lo": month + "01", "hi": month + "31"}).all()
    out = []
    last = calendar.monthrange(day.year, day.month)[1]
    for uuid, name, birth in rows:
        birth = _d(birth)
        due = dt.date(day.year, day.month, min(birth.day, last))
        out.append(Alert("elderly_birthday", uuid, name, _(
            "{name} turns {age} on {due}: apply for the old-age allowance (高龄津贴).").format(
                name=name, age=age, due=due.isoformat()), due))
    return out


def _reviews(conn, day: dt.date, cfg: dict) -> list[Alert]:
    horizon = day + dt.timedelta(days=cfg["review_notice_days"])
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, t.tag, t.review_due, t.data FROM person_tags t "
        "JOIN persons p ON p.uuid = t.person_uuid WHERE t.review_due IS NOT NULL "
        "AND t.review_due <= :horizon AND (t.until IS NULL OR t.until >= :day) "
        "AND p.status NOT IN ('迁出', '死亡')"),
        {"horizon": horizon.isoformat(), "day": day.isoformat()}).all()
    out = []
    for uuid, name, tag, due, data in rows:
        due = _d(due)
        if tag == "低保":
            kind, msg = "dibao_review", _("The 低保 review of {name} is due on {due}.")
        elif tag == "残疾" and json.loads(data or "{}").get("two_subsidies"):
            kind, msg = ("disability_subsidy_review",
                         _("The disability subsidy (两项补贴) review of {name} is due on {due}."))
        else:
            kind, msg = "review_due", _("The {tag} review of {name} is due on {due}.")
        out.append(Alert(kind, uuid, name, msg.format(name=name, due=due.isoformat(), tag=tag), due))
    return out


def _left_behind(conn, day: dt.date, child_age: int) -> list[Alert]:
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
                .format(name=name), day))
    return out


def _not_visited(conn, day: dt.date, days: int) -> list[Alert]:
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, t.since, (SELECT max(v.visited_on) FROM visits v "
        " WHERE v.person_uuid = p.uuid) FROM person_tags t JOIN persons p ON p.uuid = t.person_uuid "
        "WHERE t.tag = '独居老人' AND t.since <= :day AND (t.until IS NULL OR t.until >= :day) "
        "AND p.status NOT IN ('迁出', '死亡')"), {"day": day.isoformat()}).all()
    out = []
    for uuid, name, since, last in rows:
        last = _d(last)
        due = (last or _d(since)) + dt.timedelta(days=days)
        if due <= day:
            msg = (_("{name} lives alone and was last visited on {last}; a visit was due on {due}.")
                   if last else _("{name} lives alone and has no recorded visit; a visit was due on {due}."))
            out.append(Alert("elderly_not_visited", uuid, name, msg.format(
                name=name, last=last.isoformat() if last else "", due=due.isoformat()), due))
    return out


def _benefit_after_exit(conn, day: dt.date) -> list[Alert]:
    tags = ", ".join(f"'{t}'" for t in sorted(BENEFIT_TAGS))
    rows = conn.execute(text(
        "SELECT p.uuid, p.name, p.status, p.status_since, group_concat(t.tag, '、') FROM persons p "
        "JOIN person_tags t ON t.person_uuid = p.uuid "
        f"WHERE p.status IN ('迁出', '死亡') AND t.tag IN ({tags}) "
        "AND (t.until IS NULL OR t.until >= :day) GROUP BY p.uuid"), {"day": day.isoformat()}).all()
    out = []
    for uuid, name, status, since, held in rows:
        due = _d(since) or day
        out.append(Alert("benefit_after_exit", uuid, name, _(
            "{name} is marked {status} but still holds {tags}: end the benefit.").format(
                name=name, status=status, tags=held), due))
    return out
