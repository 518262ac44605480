"""Cases (工单): opening one and moving it through the workflow (assign, act, escalate, return,
close, follow up), one transaction each with its timeline line; and the time limits per category.
"""

from __future__ import annotations

import json

from sqlalchemy import func
from sqlmodel import select

from cunwu import clock
from cunwu.domain import cases as c
from cunwu.domain import limits
from cunwu.domain.accounts import User
from cunwu.domain.dates import parse_date
from cunwu.domain.households import Household
from cunwu.domain.meetings import Concern
from cunwu.domain.monitoring import Visit
from cunwu.errors import CunwuError
from cunwu.services.cases_queries import case_json, find_case
from cunwu.services.residents import find_household, find_person
from cunwu.store.canonical import canonical_json

# The records a case's source_ref names, checked when the case is opened.
SOURCE_RECORDS = {"visit": (Visit, "E_VISIT_NOT_FOUND"), "concern": (Concern, "E_CONCERN_NOT_FOUND")}


def settings(store) -> dict:
    """Days from opening to due, per category (the defaults until someone changes them)."""
    with store.read() as s:
        return _limits(s, store.village().code)


def _limits(session, village_code: str) -> dict:
    row = session.exec(select(c.CaseSettings).where(c.CaseSettings.village_code == village_code)).first()
    return row.days if row else dict(c.TIME_LIMITS)


def change_settings(store, actor, limits_by_category: dict) -> dict:
    """Set the time limit (days) of some categories; the others keep theirs."""
    if not isinstance(limits_by_category, dict):
        raise CunwuError("E_INPUT_TYPE", field="limits", expected="{category: days}")
    low, high = c.LIMIT_RANGE
    checked = {}
    for category, days in limits_by_category.items():
        c.choice(category, c.CATEGORIES, "E_CASE_CATEGORY")
        checked[category] = limits.integer(days, category, low, high)
    village = store.village()
    with store.write(actor, "cases.settings") as uow:
        row = uow.session.exec(select(c.CaseSettings).where(
            c.CaseSettings.village_code == village.code)).first()
        if row is None:
            uow.add(c.CaseSettings(village_code=village.code,
                                   limits=canonical_json(checked).decode("utf-8")))
        else:
            merged = {**json.loads(row.limits or "{}"), **checked}
            row.limits = canonical_json(merged).decode("utf-8")
            uow.save(row)
        uow.detail = checked
    return settings(store)


def open_case(store, actor, data: dict) -> dict:
    """A new case from {"person" or "household" (a reference), "category", "title",
    "description", "severity", "source", "source_ref", "handler", "department",
    "opened_on"}; due from the category's time limit; assigned at once when a handler is given."""
    with store.write(actor, "cases.open") as uow:
        row = open_case_row(uow, store.village().code, data)
        uow.detail = {"number": row.number, "category": row.category, "source": row.source}
    return show(store, row.uuid)


def open_case_row(uow, village_code: str, data: dict) -> c.Case:
    """The case and its first timeline lines, inside a caller's transaction (open_case, and an
    alert made a case: alerts.alert_to_case)."""
    data = limits.fields_of(data, "case")
    s = uow.session
    category = c.choice(data.get("category"), c.CATEGORIES, "E_CASE_CATEGORY")
    severity = c.choice(data.get("severity") or c.SEVERITIES[0], c.SEVERITIES, "E_CASE_SEVERITY")
    source = c.choice(data.get("source") or "manual", tuple(c.SOURCES), "E_CASE_SOURCE")
    title = str(data.get("title") or "").strip()
    if not title:
        raise CunwuError("E_CASE_TITLE")
    source_ref = limits.ref(data.get("source_ref"), "source_ref")
    from_source = _source_person(s, source, source_ref)
    about = str(data.get("person") or "").strip()
    if not about and not str(data.get("household") or "").strip():
        about = from_source  # the visit's or the concern's person, when the case names nobody
    person_uuid = household_uuid = None
    if about:
        person = find_person(s, about)
        person_uuid, name, household_uuid = person.uuid, person.name, person.household_uuid
    elif str(data.get("household") or "").strip():
        household = find_household(s, str(data["household"]))
        household_uuid, name = household.uuid, household.number
    else:
        raise CunwuError("E_CASE_SUBJECT")
    if person_uuid is None and s.get(Household, household_uuid) is None:
        raise CunwuError("E_HOUSEHOLD_NOT_FOUND", ref=household_uuid)
    opened_on = parse_date(data.get("opened_on")) or clock.today()
    row = uow.add(c.Case(
        number=_next_number(s, opened_on.year), village_code=str(data.get("village_code") or village_code),
        person_uuid=person_uuid, household_uuid=household_uuid, subject_name=name,
        category=category, severity=severity, source=source, source_ref=source_ref, title=title,
        description=str(data.get("description") or "").strip(), status=c.NEW,
        opened_on=opened_on, opened_by=uow.actor.username,
        due=c.due_date(opened_on, category, _limits(s, village_code))))
    _timeline(uow, row, "open", "", c.NEW, "", {"source": source})
    if str(data.get("handler") or data.get("department") or "").strip():
        _assign(uow, row, data.get("handler"), data.get("department"), "")
    return row


def _source_person(session, source: str, ref: str) -> str:
    """A case from a visit or a concern names one that is recorded (E_VISIT_NOT_FOUND,
    E_CONCERN_NOT_FOUND); its person is the case's when the case names nobody ("" for a
    concern raised by someone not on the roster, and for the other sources)."""
    table, code = SOURCE_RECORDS.get(source, (None, ""))
    if table is None:
        return ""
    row = session.get(table, ref) if ref else None
    if row is None:
        raise CunwuError(code, ref=ref or "-")
    return row.person_uuid or ""


def _next_number(session, year: int) -> str:
    prefix = f"GD-{year}-"
    last = session.exec(select(func.max(c.Case.number)).where(c.Case.number.like(prefix + "%"))).one()
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


def _timeline(uow, case: c.Case, action: str, before: str, after: str, note: str,
              detail: dict | None = None) -> c.CaseAction:
    seq = uow.session.exec(select(func.count()).select_from(c.CaseAction)
                           .where(c.CaseAction.case_uuid == case.uuid)).one()
    return uow.add(c.CaseAction(case_uuid=case.uuid, seq=seq + 1, action=action,
                                from_status=before, to_status=after, actor=uow.actor.username,
                                at=clock.now_utc(), today=clock.today(), note=note,
                                detail=canonical_json(detail or {}).decode("utf-8")))


def _handler(session, handler, department) -> tuple[str, str]:
    """("account", username) for an active village account, ("department", name) for a
    乡镇 department named as typed."""
    department = str(limits.field("name", department) or "").strip()
    if department:
        return "department", department
    username = limits.ref(handler, "handler")
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active or user.role == "supervisor":
        raise CunwuError("E_CASE_HANDLER", name=username or "-")
    return "account", username


def _assign(uow, case: c.Case, handler, department, note: str) -> None:
    kind, name = _handler(uow.session, handler, department)
    before = case.status
    case.status = c.transition(before, "assign", uow.actor)
    case.handler_kind, case.handler = kind, name
    uow.save(case)
    _timeline(uow, case, "assign", before, case.status, note, {"handler": name, "kind": kind})


def _step(store, actor, ref: str, action: str, note: str, change=None, **detail) -> dict:
    """One move of the workflow on the case ref names: checked against the table, this village's
    own case only, the timeline line written with the case."""
    note = str(limits.field("note", note) or "").strip()
    with store.write(actor, f"cases.{action}") as uow:
        case = find_case(uow.session, ref)
        village = store.village()
        if case.village_code != village.code:
            raise CunwuError("E_CASE_OTHER_VILLAGE", number=case.number, village=case.village_code)
        if action == "assign":
            _assign(uow, case, detail.get("handler"), detail.get("department"), note)
        else:
            step_row(uow, case, action, note, change, **detail)
        uow.set_target("cases", case.uuid)
        uow.detail = {"number": case.number, "status": case.status}
    return show(store, case.uuid)


def step_row(uow, case: c.Case, action: str, note: str, change=None, **detail) -> None:
    """One move of the workflow inside a caller's transaction (_step, and the district's
    updates a district bundle brings: services/district_bundles.py)."""
    before = case.status
    case.status = c.transition(before, action, uow.actor)
    if change:
        change(case)
    uow.save(case)
    _timeline(uow, case, action, before, case.status, note, {k: v for k, v in detail.items() if v})


def assign(store, actor, ref: str, *, handler: str = "", department: str = "",
           note: str = "") -> dict:
    """派单: to a village account (handler) or a named 乡镇 department."""
    return _step(store, actor, ref, "assign", note, handler=handler, department=department)


def act(store, actor, ref: str, note: str) -> dict:
    """What was done (a call, a visit, papers sent); the first action takes the case in hand."""
    if not str(note or "").strip():
        raise CunwuError("E_CASE_NOTE")
    return _step(store, actor, ref, "act", note)


def escalate(store, actor, ref: str, reason: str, *, department: str = "") -> dict:
    """上报乡镇: the village cannot settle it alone."""
    if not str(reason or "").strip():
        raise CunwuError("E_CASE_NOTE")
    department = str(limits.field("name", department) or "").strip()
    return _step(store, actor, ref, "escalate", reason, department=department)


def return_case(store, actor, ref: str, reason: str) -> dict:
    """退回: back to be assigned again (or, from the township, back into the village's hands)."""
    if not str(reason or "").strip():
        raise CunwuError("E_CASE_NOTE")
    return _step(store, actor, ref, "return", reason)


def close(store, actor, ref: str, *, result: str, decision: str = "", note: str = "") -> dict:
    """办结: with the result, and for a benefit what was decided."""
    actor.require("write", "cases.close")  # before the case is read
    result = str(limits.field("result", result) or "").strip()
    decision = str(limits.field("decision", decision) or "").strip()
    with store.read() as s:
        category = find_case(s, ref).category
    c.check_close(category, result, decision)

    def closing(case: c.Case) -> None:
        case.result, case.decision, case.closed_on = result, decision, clock.today()

    return _step(store, actor, ref, "close", note, closing, result=result, decision=decision)


def review(store, actor, ref: str, note: str, *, settled: bool = True) -> dict:
    """回访: the person was asked afterwards; a matter not settled goes back in hand."""
    if not str(note or "").strip():
        raise CunwuError("E_CASE_NOTE")
    if settled:
        return _step(store, actor, ref, "review", note)

    def reopening(case: c.Case) -> None:
        case.closed_on = None

    return _step(store, actor, ref, "reopen", note, reopening)


def show(store, ref: str) -> dict:
    with store.read() as s:
        case = find_case(s, ref)
        actions = s.exec(select(c.CaseAction).where(c.CaseAction.case_uuid == case.uuid)
                         .order_by(c.CaseAction.seq)).all()
        return case_json(case, clock.today(), actions)
