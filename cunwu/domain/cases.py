"""智慧救助 cases (工单): the case, its append-only timeline, the village's time limits per
category, the handled or dismissed state of an alert, and the workflow as a pure table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from sqlmodel import Field

from cunwu.errors import CunwuError
from cunwu.i18n import N_
from cunwu.store.tables import Record

CATEGORIES = ("低保", "特困", "临时救助", "残疾", "养老", "儿童", "医疗", "住房", "就业", "其他")
# Categories that pay money or goods: closing one says what was decided.
BENEFIT_CATEGORIES = frozenset({"低保", "特困", "临时救助", "残疾", "养老"})
DECISIONS = ("批准", "不予批准", "维持", "调整", "停发", "转介")
SEVERITIES = ("一般", "较急", "紧急")
SOURCES = {"alert": N_("an alert"), "visit": N_("a visit"), "concern": N_("a villager's concern"),
           "district": N_("the district"), "manual": N_("by hand")}
HANDLER_KINDS = ("account", "department")  # a village account, or a named 乡镇 department

# Days from opening to the due date, per category: see docs/cases.md for where they come from.
TIME_LIMITS = {"低保": 15, "特困": 15, "临时救助": 3, "残疾": 15, "养老": 15, "儿童": 7,
               "医疗": 7, "住房": 30, "就业": 15, "其他": 15}
LIMIT_RANGE = (1, 365)

NEW, ASSIGNED, WORKING, ESCALATED, CLOSED, REVIEWED = (
    "待派单", "已派单", "处置中", "已上报", "已办结", "已回访")
STATUSES = (NEW, ASSIGNED, WORKING, ESCALATED, CLOSED, REVIEWED)
OPEN = (NEW, ASSIGNED, WORKING, ESCALATED)
STATUS_LABELS = {NEW: N_("To assign"), ASSIGNED: N_("Assigned"), WORKING: N_("In hand"),
                 ESCALATED: N_("Escalated to the township"), CLOSED: N_("Closed"),
                 REVIEWED: N_("Followed up")}

EDITORS = ("admin", "clerk")
# The workflow: (from status, action) → (to status, roles that may). "act" records what was
# done (the first one takes the case in hand); "return" (退回) sends a case back to be assigned
# again; "reopen" is a 回访 that found the matter not settled.
TRANSITIONS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    (NEW, "assign"): (ASSIGNED, EDITORS),
    (ASSIGNED, "assign"): (ASSIGNED, EDITORS),
    (WORKING, "assign"): (ASSIGNED, EDITORS),
    (ASSIGNED, "act"): (WORKING, EDITORS),
    (WORKING, "act"): (WORKING, EDITORS),
    (ESCALATED, "act"): (ESCALATED, EDITORS),
    (ASSIGNED, "escalate"): (ESCALATED, EDITORS),
    (WORKING, "escalate"): (ESCALATED, EDITORS),
    (ASSIGNED, "return"): (NEW, EDITORS),
    (WORKING, "return"): (NEW, EDITORS),
    (ESCALATED, "return"): (WORKING, EDITORS),
    (WORKING, "close"): (CLOSED, EDITORS),
    (ESCALATED, "close"): (CLOSED, EDITORS),
    (CLOSED, "review"): (REVIEWED, EDITORS),
    (CLOSED, "reopen"): (WORKING, ("admin",)),
}
ACTIONS = {"open": N_("Opened"), "assign": N_("Assigned"), "act": N_("Action taken"),
           "escalate": N_("Escalated to the township"), "return": N_("Returned"),
           "close": N_("Closed"), "review": N_("Followed up"), "reopen": N_("Reopened")}


class Case(Record, table=True):
    """工单: one matter of social assistance about a person or a household, from discovery
    to a closed and followed-up case."""

    __tablename__ = "cases"
    number: str = Field(unique=True, max_length=20)  # GD-2026-0001
    village_code: str = Field(max_length=12)
    person_uuid: Optional[str] = Field(default=None, foreign_key="persons.uuid", index=True)
    household_uuid: Optional[str] = Field(default=None, foreign_key="households.uuid", index=True)
    subject_name: str = ""  # the person's name or the household's number, as shown in lists
    category: str
    severity: str = SEVERITIES[0]
    source: str = "manual"
    source_ref: str = ""  # an alert's key, a visit's or a concern's uuid
    title: str
    description: str = ""
    status: str = Field(default=NEW, index=True)
    handler_kind: str = ""
    handler: str = ""
    opened_on: dt.date
    opened_by: str
    due: dt.date = Field(index=True)
    closed_on: Optional[dt.date] = None
    result: str = ""
    decision: str = ""


class CaseAction(Record, table=True):
    """One line of a case's timeline (who did what, when). Append-only."""

    __tablename__ = "case_actions"
    case_uuid: str = Field(foreign_key="cases.uuid", index=True)
    seq: int
    action: str
    from_status: str = ""
    to_status: str
    actor: str
    at: dt.datetime
    today: dt.date
    note: str = ""
    detail: str = "{}"  # canonical JSON: handler, result, decision … as the action set them


class CaseSettings(Record, table=True):
    """Each village's time limits per category (days), as a JSON object."""

    __tablename__ = "case_settings"
    village_code: str = Field(unique=True, max_length=12)
    limits: str = "{}"

    @property
    def days(self) -> dict:
        return {**TIME_LIMITS, **json.loads(self.limits or "{}")}


class AlertState(Record, table=True):
    """An alert someone handled (made a case of) or dismissed (忽略), kept against the alert's
    key: the alert stays away until the facts it derives from change, and so its key."""

    __tablename__ = "alert_states"
    key: str = Field(unique=True, max_length=64)
    kind: str
    person_uuid: str = ""
    state: str  # "case" | "dismissed"
    reason: str = ""
    case_uuid: Optional[str] = None
    actor: str
    at: dt.datetime


def transition(status: str, action: str, actor) -> str:
    """The status after action, or a coded refusal: an action out of order
    (E_CASE_TRANSITION) or by a role that may not (E_PERMISSION)."""
    found = TRANSITIONS.get((status, action))
    if found is None:
        raise CunwuError("E_CASE_TRANSITION", action=action, status=status,
                         allowed="、".join(a for (s, a) in TRANSITIONS if s == status) or "-")
    to, roles = found
    if actor.role not in roles:
        raise CunwuError("E_PERMISSION", user=actor.username, role=actor.role,
                         action=f"cases.{action}")
    return to


def allowed_actions(status: str, role: str) -> list[str]:
    return [a for (s, a), (_to, roles) in TRANSITIONS.items() if s == status and role in roles]


def check_close(category: str, result: str, decision: str) -> None:
    """Closing needs a result; a benefit also what was decided."""
    if not result.strip():
        raise CunwuError("E_CASE_RESULT")
    if category in BENEFIT_CATEGORIES and decision not in DECISIONS:
        raise CunwuError("E_CASE_DECISION", category=category, allowed="、".join(DECISIONS))


def choice(value: str, allowed, code: str) -> str:
    if value not in allowed:
        raise CunwuError(code, value=str(value)[:40], allowed="、".join(allowed))
    return value


def due_date(opened_on: dt.date, category: str, limits: dict) -> dt.date:
    return opened_on + dt.timedelta(days=int(limits.get(category, TIME_LIMITS["其他"])))


def is_overdue(case_status: str, due: dt.date, today: dt.date) -> bool:
    return case_status in OPEN and due < today
