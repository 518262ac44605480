"""动态监测: the alerts of a given day, each naming a person and a due date, and what a clerk
does with one: make it a case (转为工单) or dismiss it (忽略) with a reason. Either keeps it
away until the facts it derives from change (Alert.key). The rules are domain/alert_rules.py,
shared with the district; this fetches the rows they read.

Kinds: `elderly_birthday` (turns the village's 高龄 age this month), `dibao_review`,
`disability_subsidy_review` (两项补贴), `review_due` (any other tag), `left_behind_child`
(both parents away), `elderly_not_visited`, `benefit_after_exit` (死亡/迁出 with a benefit tag),
`dibao_household_changed` (a 低保 household changed since its review), `child_not_visited`
(困境儿童), `disability_no_subsidy` (一级/二级 without 两项补贴).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock
from cunwu.domain import alert_rules as rules, limits
from cunwu.domain.alert_rules import Alert
from cunwu.domain.cases import AlertState
from cunwu.errors import CunwuError
from cunwu.i18n import _

__all__ = ["Alert", "alerts", "home_items", "dismiss_alert", "alert_to_case"]

# The category of the case an alert becomes.
CASE_CATEGORIES = {"elderly_birthday": "养老", "dibao_review": "低保",
                   "disability_subsidy_review": "残疾", "review_due": "其他",
                   "left_behind_child": "儿童", "elderly_not_visited": "养老",
                   "benefit_after_exit": "其他", "dibao_household_changed": "低保",
                   "child_not_visited": "儿童", "disability_no_subsidy": "残疾"}
# Which tab of the person's file an alert opens: a missed visit opens the visits.
TABS = {"elderly_not_visited": "visits", "child_not_visited": "visits"}


def home_items(store, actor, today: dt.date) -> list[dict]:
    """The alerts as home page items (cunwu.services.home); each opens the person, at the
    tab the alert is about, and carries its key for 转为工单 / 忽略."""
    return [{"kind": "alert", "category": _(rules.CATEGORIES[a.kind]), "title": a.message, "due": a.due,
             "target": ":".join(filter(None, ("residents", a.person_uuid, TABS.get(a.kind)))),
             "key": a.key}
            for a in alerts(store, today)]


def alerts(store, day: dt.date | None = None, *, handled: bool = False) -> list[Alert]:
    """The day's alerts, without those made a case or dismissed (unless handled=True)."""
    from cunwu.services.policy import settings_on

    day = day or clock.today()
    cfg = settings_on(store, day)  # the district's parameters in force on the day, if any
    with store.read() as s:
        found = _rows(s.connection())
        done = frozenset() if handled else frozenset(s.exec(select(AlertState.key)).all())
    return rules.alerts(found, day, cfg, done)


def _rows(conn) -> rules.Rows:
    """What the rules read, from the village's store."""
    def dicts(sql: str) -> list[dict]:
        return [dict(r) for r in conn.execute(text(sql)).mappings()]

    return rules.Rows(
        persons=dicts("SELECT uuid, name, birth_date, status, status_since, household_uuid, relation "
                      "FROM persons"),
        tags=dicts("SELECT person_uuid, tag, since, until, review_due, data FROM person_tags"),
        last_visit=rules.latest(conn.execute(text(
            "SELECT person_uuid, max(visited_on) FROM visits GROUP BY person_uuid")).all()),
        dibao_reviewed=rules.reviews_set(dicts(
            "SELECT person_uuid, action, today, changes FROM person_events "
            "WHERE action = 'tags.edit' AND changes LIKE '%\"低保.review_due\"%'")))


def _current(store, key: str) -> Alert:
    key = limits.ref(key, "key")
    for a in alerts(store, handled=True):
        if a.key == key:
            return a
    raise CunwuError("E_ALERT_NOT_FOUND", key=key[:40])


def _state(uow, alert: Alert, state: str, reason: str, case_uuid: str | None) -> None:
    if uow.session.exec(select(AlertState).where(AlertState.key == alert.key)).first():
        raise CunwuError("E_ALERT_HANDLED", key=alert.key)
    uow.add(AlertState(key=alert.key, kind=alert.kind, person_uuid=alert.person_uuid,
                       state=state, reason=reason, case_uuid=case_uuid,
                       actor=uow.actor.username, at=clock.now_utc()))


def dismiss_alert(store, actor, key: str, reason: str) -> dict:
    """忽略: the alert stays away until its facts change; the reason is kept and audited."""
    actor.require("write", "alerts.dismiss")  # before the day's alerts are read
    reason = str(limits.field("reason", reason) or "").strip()
    if not reason:
        raise CunwuError("E_ALERT_REASON")
    alert = _current(store, key)
    with store.write(actor, "alerts.dismiss") as uow:
        _state(uow, alert, "dismissed", reason, None)
        uow.set_target("persons", alert.person_uuid)
        uow.detail = {"kind": alert.kind, "key": alert.key, "reason": reason}
    return {**alert.json(), "state": "dismissed", "reason": reason}


def alert_to_case(store, actor, key: str, data: dict | None = None) -> dict:
    """转为工单: a case about the alert's person, its message as the title and its category
    from the kind (data may set the category, severity, handler … as cases.open_case takes)."""
    from cunwu.services.cases import open_case_row, show

    actor.require("write", "alerts.to_case")
    alert = _current(store, key)
    data = {"category": CASE_CATEGORIES[alert.kind], "title": alert.message[:200],
            **limits.fields_of(data or {}, "case"),
            "person": alert.person_uuid, "source": "alert", "source_ref": alert.key}
    with store.write(actor, "alerts.to_case") as uow:
        case = open_case_row(uow, store.village().code, data)
        _state(uow, alert, "case", "", case.uuid)
        uow.set_target("cases", case.uuid)
        uow.detail = {"kind": alert.kind, "key": alert.key, "number": case.number}
    return show(store, case.uuid)
