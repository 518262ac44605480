"""A village's figures on a date, computed the village's way from the rows it sent: 低保 as its
notice counts it (domain/relief.py), overdue disclosures by its own schedule (domain/schedule.py),
special groups over live residents only, 高龄 from its threshold, meetings, 督办, points, and its
open alerts by the village's own rules (domain/alert_rules.py).
"""

from __future__ import annotations

import datetime as dt

from cunwu.domain import alert_rules, policy, relief, schedule
from cunwu.domain.decisions import DECIDED, IN_PROGRESS
from cunwu.domain.meetings import CLOSED, HELD
from cunwu.domain.monitoring import DEFAULTS as MONITORING_DEFAULTS

# the entities the figures read; a village that never sent one simply has none
ENTITIES = ("village", "persons", "households", "person_tags", "relief_grants", "disclosures",
            "disclosure_rules", "matters", "matter_steps", "meetings", "monitoring_settings",
            "points_ledger", "visits", "person_events", "alert_states")
POLICY = "policy"  # not a village entity: the parameters the district sent that the village holds
GROUPS = ("特困供养", "残疾", "留守儿童")  # counted as live residents holding the tag that day
RESIDENT = "户籍在册"


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _age(birth, day: dt.date) -> int | None:
    b = _day(birth)
    if b is None:
        return None
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _details(tag: dict) -> dict:
    import json

    try:
        data = json.loads(tag.get("data") or "{}")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def dibao(persons: dict[str, dict], tags: list[dict], day: dt.date) -> dict:
    """{"households", "people", "total"}: live residents with a 低保 tag live on `day`, by
    household, as the village's 低保 notice for that day states them."""
    households: dict[str, dict] = {}
    for t in tags:
        p = persons.get(str(t.get("person_uuid")))
        if t.get("tag") != "低保" or p is None or p.get("status") in relief.GONE \
                or not relief.active(t.get("since"), t.get("until"), day, day):
            continue
        key = p.get("household_uuid") or p.get("uuid")
        relief.add_member(households.setdefault(key, relief.new_household()), _details(t))
    return relief.totals(households.values())


def overdue_disclosures(rows: dict[str, list[dict]], today: dt.date) -> list[schedule.Due]:
    """What `disclosures due` says is overdue in the village on `today`."""
    notices = []
    for n in rows.get("disclosures", ()):
        a, b = _day(n.get("period_from")), _day(n.get("period_to"))
        if a and b:
            notices.append(schedule.Posted(str(n.get("kind") or ""), str(n.get("category") or ""),
                                           a, b, str(n.get("status") or ""),
                                           _day(n.get("posting_date")), n.get("matter_uuid")))
    found = rows.get("disclosure_rules") or [{}]
    r = found[0]
    if rows.get("disclosure_rules"):
        start = _day(r.get("schedule_from")) or today.replace(day=1)
    else:  # the village's defaults: from the month it was set up
        created = _day((rows.get("village") or [{}])[0].get("created_at"))
        start = created.replace(day=1) if created else today.replace(day=1)
    tags = [(t.get("tag"), t.get("since"), t.get("until")) for t in rows.get("person_tags", ())]
    grants = [g.get("granted_on") for g in rows.get("relief_grants", ())]
    matters = [(m.get("uuid"), m.get("title"), m.get("next_step")) for m in rows.get("matters", ())]
    steps = [(s.get("matter_uuid"), s.get("step"), s.get("result"), s.get("on"))
             for s in rows.get("matter_steps", ())]

    def number(name: str, default: int) -> int:
        value = r.get(name, default)
        return value if type(value) is int else default

    due = schedule.due_items(
        today=today, start=start, notices=notices,
        finance_every=r.get("finance_every") or "month", affairs_every=r.get("affairs_every") or "quarter",
        due_within_days=number("due_within_days", 10), relief_within_days=number("relief_within_days", 10),
        relief_changed=schedule.relief_changes(tags, grants, today),
        resolved=schedule.resolved_matters(matters, steps, today))
    return [d for d in due if d.overdue]


def _quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(day.year, day.month - (day.month - 1) % 3, 1)
    last = dt.date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last


def thresholds(rows: dict[str, list[dict]], today: dt.date) -> tuple[dict, dict]:
    """(the monitoring thresholds on `today`, where they come from): the village's synced
    monitoring settings, else the defaults every village starts with; over them the policy
    parameters in force that the district sent and the village confirmed holding
    (rows[POLICY]: name, value, effective_from, order)."""
    found = (rows.get("monitoring_settings") or [None])[0]
    own = {k: v if type(v := (found or {}).get(k)) is int else default
           for k, default in MONITORING_DEFAULTS.items()}
    sent = [(p["name"], p["value"], d, p["order"]) for p in rows.get(POLICY, ())
            if p.get("name") in policy.PARAMS and (d := _day(p.get("effective_from")))]
    values = policy.in_force(sent, today)
    return policy.thresholds(own, values), {"settings": "village" if found else "defaults",
                                            "policy": sorted(values)}


def alerts(rows: dict[str, list[dict]], today: dt.date) -> tuple[list[alert_rules.Alert], dict]:
    """The village's open alerts on `today` by its own rules, without those it made a case
    or dismissed (alert_states), and where their thresholds come from."""
    cfg, source = thresholds(rows, today)
    found = alert_rules.Rows(
        persons=[p for p in rows.get("persons", ()) if p.get("uuid") and p.get("name") is not None],
        tags=[t for t in rows.get("person_tags", ()) if t.get("person_uuid") and t.get("tag")],
        last_visit=alert_rules.latest((v.get("person_uuid"), v.get("visited_on"))
                                      for v in rows.get("visits", ())),
        dibao_reviewed=alert_rules.reviews_set(e for e in rows.get("person_events", ())
                                               if e.get("person_uuid") and e.get("today")))
    handled = frozenset(a.get("key") for a in rows.get("alert_states", ()))
    return alert_rules.alerts(found, today, cfg, handled), source


def village(rows: dict[str, list[dict]], today: dt.date) -> dict:
    """Every figure of one village on `today`, from its rows by entity."""
    persons = {str(p.get("uuid")): p for p in rows.get("persons", ())}
    live = {u: p for u, p in persons.items() if p.get("status") not in relief.GONE}
    tags = list(rows.get("person_tags", ()))
    held: dict[str, set] = {g: set() for g in GROUPS}
    two_subsidies = set()
    for t in tags:
        who = str(t.get("person_uuid"))
        if t.get("tag") in held and who in live and relief.active(t.get("since"), t.get("until"), today, today):
            held[t["tag"]].add(who)
            if t["tag"] == "残疾" and _details(t).get("two_subsidies") is True:
                two_subsidies.add(who)
    settings = (rows.get("monitoring_settings") or [{}])[0]
    elderly = settings.get("elderly_age")
    elderly = elderly if type(elderly) is int else MONITORING_DEFAULTS["elderly_age"]
    q_from, q_to = _quarter(today)
    meetings = sum(1 for m in rows.get("meetings", ())
                   if (d := _day(m.get("held_at"))) and q_from <= d <= q_to and m.get("status") in (HELD, CLOSED))
    points = 0
    for e in rows.get("points_ledger", ()):
        n = e.get("points")
        if type(n) is int and e.get("kind") != "redeem" and e.get("ranked"):
            points += n
    overdue = overdue_disclosures(rows, today)
    open_alerts, source = alerts(rows, today)
    return {
        "residents": sum(1 for p in persons.values() if p.get("status") == RESIDENT),
        "households": len(rows.get("households", ())),
        "dibao": dibao(persons, tags, today),
        "tekun": len(held["特困供养"]), "disabled": len(held["残疾"]),
        "two_subsidies": len(two_subsidies), "left_behind_children": len(held["留守儿童"]),
        "elderly": sum(1 for p in live.values() if (a := _age(p.get("birth_date"), today)) is not None
                       and a >= elderly),
        "overdue_disclosures": len(overdue), "overdue": [d.as_dict() for d in overdue],
        "meetings_this_quarter": meetings,
        "open_matters": sum(1 for m in rows.get("matters", ()) if m.get("status") in (IN_PROGRESS, DECIDED)),
        "points_issued": points,
        "open_alerts": len(open_alerts), "alert_settings": source,
        "alerts": [{"kind": a.kind, "person_uuid": a.person_uuid, "name": a.person_name,
                    "due": a.due.isoformat(), "key": a.key, "text": a.text, "values": a.values}
                   for a in open_alerts],
    }
