"""The rules of 动态监测 over plain rows (persons, tags, latest visits, 低保 reviews) and the day's
thresholds: the village's alerts (services/alerts.py fetches the rows) and the district's count
of a village's open alerts (district/figures.py, from the rows the village sent) are one code.

Each alert carries its message as an English text and its values, so each reader renders it in
their own language, and the facts it derives from: its key hashes them, so a dismissed alert
comes back when they change.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from cunwu.domain.monitoring import BENEFIT_TAGS
from cunwu.i18n import N_, _
from cunwu.store.canonical import canonical_json

GONE = ("迁出", "死亡")
CHILDREN = ("子", "女", "孙子", "孙女")
# Ages at which a 低保 household's assessment changes: a child becomes an adult who may work,
# a worker reaches the age of the old-age pension.
REASSESS_AGES = (16, 18, 60)
REVIEW_SET = '"低保.review_due"'  # a tags.edit event that set the 低保 review date names this
# The 类别 each kind of alert shows under (the village's home page, the district's village page).
CATEGORIES = {"elderly_birthday": N_("Old-age allowance"), "dibao_review": N_("低保 review"),
              "disability_subsidy_review": N_("Disability subsidy review"),
              "review_due": N_("Review"), "left_behind_child": N_("Left-behind child"),
              "elderly_not_visited": N_("Visit"), "benefit_after_exit": N_("Benefit to end"),
              "dibao_household_changed": N_("低保 review"), "child_not_visited": N_("Visit"),
              "disability_no_subsidy": N_("Disability subsidy")}


@dataclass(frozen=True)
class Alert:
    kind: str
    person_uuid: str
    person_name: str
    text: str  # the English message with {fields}; `message` renders it in the current language
    due: dt.date
    facts: tuple = ()
    values: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self) -> str:
        return _(self.text).format(**self.values)

    @property
    def key(self) -> str:
        """Stable while the alert's kind, person and facts stay the same."""
        raw = canonical_json([self.kind, self.person_uuid, [str(f) for f in self.facts]])
        return hashlib.sha256(raw).hexdigest()[:32]

    def json(self) -> dict:
        return {"kind": self.kind, "person_uuid": self.person_uuid, "name": self.person_name,
                "message": self.message, "due": self.due.isoformat(), "key": self.key}


@dataclass
class Rows:
    """What the rules read. persons: uuid, name, birth_date, status, status_since,
    household_uuid, relation; tags: person_uuid, tag, since, until, review_due, data;
    last_visit: person → the latest visit's day; dibao_reviewed: person → the latest day a
    change set its 低保 review date (`reviews_set`)."""

    persons: list[dict]
    tags: list[dict]
    last_visit: dict = field(default_factory=dict)
    dibao_reviewed: dict = field(default_factory=dict)


def d(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def latest(pairs) -> dict:
    """{person: the latest day} of (person, day) pairs (visits)."""
    out: dict = {}
    for person, day in pairs:
        day = d(day)
        if day is not None and (person not in out or day > out[person]):
            out[person] = day
    return out


def reviews_set(events) -> dict:
    """{person: the latest day} of person events (action, today, changes) that set a 低保
    review date."""
    return latest((e["person_uuid"], e["today"]) for e in events
                  if e.get("action") == "tags.edit" and REVIEW_SET in str(e.get("changes") or ""))


def _live(p: dict | None) -> bool:
    return p is not None and p.get("status") not in GONE


def _open(t: dict, day: dt.date) -> bool:
    until = d(t.get("until"))
    return until is None or until >= day


def _held(t: dict, day: dt.date) -> bool:
    since = d(t.get("since"))
    return since is not None and since <= day and _open(t, day)


def birthdays(rows: Rows, day: dt.date, age: int) -> list[Alert]:
    out = []
    last = calendar.monthrange(day.year, day.month)[1]
    for p in rows.persons:
        birth = d(p.get("birth_date"))
        if birth is None or (birth.year, birth.month) != (day.year - age, day.month) or not _live(p):
            continue
        due = dt.date(day.year, day.month, min(birth.day, last))
        out.append(Alert("elderly_birthday", p["uuid"], p["name"], N_(
            "{name} turns {age} on {due}: apply for the old-age allowance (高龄津贴)."), due,
            (birth, age), {"name": p["name"], "age": age, "due": due.isoformat()}))
    return out


def reviews(rows: Rows, day: dt.date, cfg: dict) -> list[Alert]:
    horizon = day + dt.timedelta(days=cfg["review_notice_days"])
    persons = {p["uuid"]: p for p in rows.persons}
    out = []
    for t in rows.tags:
        p, due = persons.get(t["person_uuid"]), d(t.get("review_due"))
        if due is None or due > horizon or not _open(t, day) or not _live(p):
            continue
        tag = t["tag"]
        if tag == "低保":
            kind, msg = "dibao_review", N_("The 低保 review of {name} is due on {due}.")
        elif tag == "残疾" and json.loads(t.get("data") or "{}").get("two_subsidies"):
            kind, msg = ("disability_subsidy_review",
                         N_("The disability subsidy (两项补贴) review of {name} is due on {due}."))
        else:
            kind, msg = "review_due", N_("The {tag} review of {name} is due on {due}.")
        out.append(Alert(kind, p["uuid"], p["name"], msg, due, (tag, due),
                         {"name": p["name"], "due": due.isoformat(), "tag": tag}))
    return out


def left_behind(rows: Rows, day: dt.date, child_age: int) -> list[Alert]:
    """Children under the age whose parents in the household are all away (外出务工)."""
    born_after = day.replace(year=day.year - child_age) if not (day.month == 2 and day.day == 29) \
        else dt.date(day.year - child_age, 2, 28)
    tagged = {t["person_uuid"] for t in rows.tags if t["tag"] == "留守儿童" and _open(t, day)}
    members: dict[str, list[dict]] = {}
    for p in rows.persons:
        if p.get("household_uuid") and _live(p):
            members.setdefault(p["household_uuid"], []).append(p)
    out = []
    for c in rows.persons:
        birth, hh, relation = d(c.get("birth_date")), c.get("household_uuid"), c.get("relation")
        if birth is None or birth <= born_after or not hh or relation not in CHILDREN \
                or not _live(c) or c["uuid"] in tagged:
            continue
        parent_roles = ("户主", "配偶") if relation in ("子", "女") else ("子", "女", "儿媳", "女婿")
        # parents recorded in the household (living ones): all of them away
        parents = [m for m in members.get(hh, []) if m.get("relation") in parent_roles]
        if parents and all(m.get("status") == "外出务工" for m in parents):
            out.append(Alert("left_behind_child", c["uuid"], c["name"], N_(
                "Both parents of {name} are away: check whether the child is left behind (留守儿童)."),
                day, (hh, relation), {"name": c["name"]}))
    return out


def not_visited(rows: Rows, day: dt.date, days: int) -> list[Alert]:
    persons = {p["uuid"]: p for p in rows.persons}
    out = []
    for t in rows.tags:
        p = persons.get(t["person_uuid"])
        if t["tag"] != "独居老人" or not _held(t, day) or not _live(p):
            continue
        last = rows.last_visit.get(p["uuid"])
        due = (last or d(t["since"])) + dt.timedelta(days=days)
        if due <= day:
            msg = (N_("{name} lives alone and was last visited on {last}; a visit was due on {due}.")
                   if last else N_("{name} lives alone and has no recorded visit; a visit was due on {due}."))
            out.append(Alert("elderly_not_visited", p["uuid"], p["name"], msg, due, (last,),
                             {"name": p["name"], "last": last.isoformat() if last else "",
                              "due": due.isoformat()}))
    return out


def benefit_after_exit(rows: Rows, day: dt.date) -> list[Alert]:
    persons = {p["uuid"]: p for p in rows.persons}
    held: dict[str, list[str]] = {}
    for t in sorted(rows.tags, key=lambda t: t["tag"]):  # in one order wherever the rows come from
        p = persons.get(t["person_uuid"])
        if p is not None and p.get("status") in GONE and t["tag"] in BENEFIT_TAGS and _open(t, day):
            held.setdefault(p["uuid"], []).append(t["tag"])
    out = []
    for uuid, tags in held.items():
        p = persons[uuid]
        status, since, tags = p["status"], p.get("status_since"), "、".join(tags)
        out.append(Alert("benefit_after_exit", uuid, p["name"], N_(
            "{name} is marked {status} but still holds {tags}: end the benefit."), d(since) or day,
            (status, since, tags), {"name": p["name"], "status": status, "tags": tags}))
    return out


def _birthday(birth: dt.date, age: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February
        return dt.date(birth.year + age, 3, 1)


def dibao_household_changed(rows: Rows, day: dt.date) -> list[Alert]:
    """A 低保 holder whose household changed since the last review: a member's status changed,
    or a member passed one of REASSESS_AGES. The last review is the day the 低保 tag's next
    review date was last set (its start when never)."""
    persons = {p["uuid"]: p for p in rows.persons}
    holders = sorted(((t, persons[t["person_uuid"]]) for t in rows.tags
                      if t["tag"] == "低保" and t["person_uuid"] in persons and _held(t, day)
                      and persons[t["person_uuid"]].get("household_uuid")
                      and _live(persons[t["person_uuid"]])),
                     key=lambda tp: (str(tp[0]["since"]), tp[1]["uuid"]))  # the first holder, anywhere
    members: dict[str, list[dict]] = {}
    for p in rows.persons:
        members.setdefault(p.get("household_uuid"), []).append(p)
    out, seen = [], set()
    for t, p in holders:
        hh = p["household_uuid"]
        if hh in seen:
            continue  # one alert per household, on its first holder
        last = rows.dibao_reviewed.get(p["uuid"]) or d(t["since"])
        changed = []
        for m in members.get(hh, []):
            birth, since = d(m.get("birth_date")), d(m.get("status_since"))
            if since is not None and last < since <= day:
                changed.append(f"{m['name']} {m.get('status')} {since.isoformat()}")
            for age in REASSESS_AGES:
                if birth is not None and last < _birthday(birth, age) <= day:
                    changed.append(f"{m['name']} {age}")
        if changed:
            seen.add(hh)
            changed.sort()  # the members' order is the store's, which differs between copies
            out.append(Alert("dibao_household_changed", p["uuid"], p["name"], N_(
                "The household of {name} (低保) changed since its last review on {last}: {what}. "
                "Review the 低保."), day, (hh, last, tuple(changed)),
                {"name": p["name"], "last": last.isoformat(), "what": "、".join(changed)}))
    return out


def children_not_visited(rows: Rows, day: dt.date, days: int) -> list[Alert]:
    """困境儿童 and 事实无人抚养儿童 with no visit in the village's visit interval."""
    persons = {p["uuid"]: p for p in rows.persons}
    first: dict[str, dt.date] = {}
    for t in rows.tags:
        p = persons.get(t["person_uuid"])
        if t["tag"] in ("困境儿童", "事实无人抚养儿童") and _held(t, day) and _live(p):
            since = d(t["since"])
            first[p["uuid"]] = min(since, first.get(p["uuid"], since))
    out = []
    for uuid, since in first.items():
        name, last = persons[uuid]["name"], rows.last_visit.get(uuid)
        due = (last or since) + dt.timedelta(days=days)
        if due <= day:
            out.append(Alert("child_not_visited", uuid, name, N_(
                "{name} is a child in difficulty (困境儿童) with no visit since {last}; a visit was "
                "due on {due}."), due, (last,),
                {"name": name, "last": (last or since).isoformat(), "due": due.isoformat()}))
    return out


def disability_without_subsidy(rows: Rows, day: dt.date) -> list[Alert]:
    """A person with a 一级 or 二级 disability who does not receive the 两项补贴."""
    persons = {p["uuid"]: p for p in rows.persons}
    out = []
    for t in rows.tags:
        p = persons.get(t["person_uuid"])
        if t["tag"] != "残疾" or not _held(t, day) or not _live(p):
            continue
        details = json.loads(t.get("data") or "{}")
        level = details.get("level")
        if level in ("一级", "二级") and not details.get("two_subsidies"):
            out.append(Alert("disability_no_subsidy", p["uuid"], p["name"], N_(
                "{name} has a {level} disability but no disability subsidy (两项补贴): check the "
                "application."), d(t["since"]), (level,), {"name": p["name"], "level": level}))
    return out


def alerts(rows: Rows, day: dt.date, cfg: dict, handled=frozenset()) -> list[Alert]:
    """Every alert of the day under the thresholds `cfg` (domain/policy.thresholds), without
    those whose key is in `handled` (made a case or dismissed), by due date."""
    out = (birthdays(rows, day, cfg["elderly_age"]) + reviews(rows, day, cfg)
           + left_behind(rows, day, cfg["child_age"])
           + not_visited(rows, day, cfg["visit_days_elderly"])
           + benefit_after_exit(rows, day) + dibao_household_changed(rows, day)
           + children_not_visited(rows, day, cfg["visit_days_children"])
           + disability_without_subsidy(rows, day))
    return sorted((a for a in out if a.key not in handled), key=lambda a: (a.due, a.kind, a.person_name))
