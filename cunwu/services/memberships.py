"""Who is expected at a meeting (应到): members of each body, 党员 and adult residents, and
each village's quorum and passing rules.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.residents import GONE, Person, age_on
from cunwu.errors import CunwuError
from cunwu.services.residents import find_household, find_person


# -- rules ----------------------------------------------------------------------------------

def rules_for(session, kind: str) -> m.KindRules:
    row = session.exec(select(m.MeetingRules).where(m.MeetingRules.kind == kind)).first()
    if row is None:
        return m.default_rules(kind)
    return m.KindRules.of(kind, row.quorum, row.households, row.passing)


def all_rules(store) -> list[dict]:
    with store.read() as s:
        out = []
        for kind in m.KINDS:
            r = rules_for(s, kind)
            out.append({"kind": kind, "quorum": r.quorum.text if r.quorum else "",
                        "households": r.households.text if r.households else "",
                        "passing": r.passing.text})
        return out


def set_rules(store, actor, kind: str, *, quorum: str | None = None,
              households: str | None = None, passing: str | None = None) -> dict:
    """Override a kind's rules for this village ("" removes a quorum or household rule)."""
    return set_many_rules(store, actor, [{"kind": kind, "quorum": quorum,
                                          "households": households, "passing": passing}])[0]


def set_many_rules(store, actor, changes: list[dict]) -> list[dict]:
    """Several kinds' rules in one transaction: all are saved or none."""
    changes = [limits.fields_of(c, "rules") for c in limits.rows(changes, "rules")]
    out = []
    with store.write(actor, "meetings.rules") as uow:
        for change in changes:
            out.append(_apply_rules(uow, m.clean_kind(change["kind"]), change))
        uow.detail = {"rules": out}
    return out


def _apply_rules(uow, kind: str, change: dict) -> dict:
    current = rules_for(uow.session, kind)
    values = {"quorum": current.quorum.text if current.quorum else "",
              "households": current.households.text if current.households else "",
              "passing": current.passing.text}
    for key in values:
        value = change.get(key)
        if value is not None:
            values[key] = m.Threshold.parse(value).text if value.strip() else ""
    if not values["passing"]:
        raise CunwuError("E_MEETING_RULE", value="")
    row = uow.session.exec(select(m.MeetingRules).where(m.MeetingRules.kind == kind)).first()
    if row is None:
        uow.add(m.MeetingRules(kind=kind, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        uow.save(row)
    return {"kind": kind, **values}


# -- memberships ----------------------------------------------------------------------------

def add_member(store, actor, body: str, person: str, *, since: dt.date | None = None,
               role: str = "", households: list[str] | None = None, notes: str = "") -> m.Membership:
    body, person, role, households, notes = limits.fields(
        body_name=body, person=person, role=role, households=households, notes=notes).values()
    body = m.clean_body(body)
    from cunwu import clock

    since = since or clock.today()
    with store.write(actor, "meetings.members.add") as uow:
        p = find_person(uow.session, person)
        held = [x for x in members_on(uow.session, body, since) if x.person_uuid == p.uuid]
        if held:
            raise CunwuError("E_MEMBERSHIP_EXISTS", name=p.name, body=body)
        hh = [find_household(uow.session, h).uuid for h in households or ()]
        row = uow.add(m.Membership(body=body, person_uuid=p.uuid, role=role.strip(), since=since,
                                   households=json.dumps(hh), notes=notes.strip()))
        uow.detail = {"body": body, "households": len(hh)}
    return row


def end_member(store, actor, uuid: str, until: dt.date) -> m.Membership:
    uuid = limits.ref(uuid, "uuid")
    with store.write(actor, "meetings.members.end") as uow:
        row = uow.session.get(m.Membership, uuid)
        if row is None:
            raise CunwuError("E_MEMBERSHIP_NOT_FOUND", ref=uuid)
        if until < row.since:
            raise CunwuError("E_TAG_DATES", since=row.since.isoformat(), until=until.isoformat())
        row.until = until
        uow.save(row)
        uow.detail = {"body": row.body, "until": until.isoformat()}
    return row


def members_on(session, body: str, day: dt.date) -> list[m.Membership]:
    rows = session.exec(select(m.Membership).where(m.Membership.body == body)).all()
    return [r for r in rows if r.active_on(day)]


def list_members(store, body: str | None = None, day: dt.date | None = None) -> list[dict]:
    from cunwu import clock

    day = day or clock.today()
    with store.read() as s:
        q = select(m.Membership, Person).join(Person, Person.uuid == m.Membership.person_uuid)
        if body:
            q = q.where(m.Membership.body == m.clean_body(body))
        out = []
        for row, person in s.exec(q.order_by(m.Membership.body, m.Membership.since)):
            out.append({"uuid": row.uuid, "body": row.body, "person_uuid": person.uuid,
                        "name": person.name, "role": row.role, "since": row.since.isoformat(),
                        "until": row.until.isoformat() if row.until else None,
                        "active": row.active_on(day), "households": row.household_list})
        return out


def expected_people(session, kind: str, day: dt.date) -> list[Person] | None:
    """Everyone expected at a meeting of this kind on that day, in a stable order; None for
    meetings open to anyone (恳谈会, 议事协商会)."""
    body = m.BODY_OF_KIND.get(kind)
    if body is not None:
        uuids = [r.person_uuid for r in members_on(session, body, day)]
        people = [session.get(Person, u) for u in dict.fromkeys(uuids)]
        # a member who has since moved out or died is no longer expected
        return sorted((p for p in people if p is not None and p.status not in GONE), key=_order)
    if kind == m.PARTY:
        rows = session.exec(select(Person).where(Person.party_member == True)).all()  # noqa: E712
        return sorted((p for p in rows if p.status not in GONE), key=_order)
    if kind == m.VILLAGERS:
        rows = session.exec(select(Person).where(Person.status.not_in(tuple(GONE)))).all()
        return sorted((p for p in rows if (age_on(p.birth_date, day) or 0) >= m.ADULT_AGE),
                      key=_order)
    return None


def _order(p: Person) -> tuple:
    return (p.household_uuid or "", p.name, p.uuid)


def kind_rules(store, kind: str) -> m.KindRules:
    """The rules for one kind of meeting, for the window's live quorum indicator."""
    with store.read() as s:
        return rules_for(s, m.clean_kind(kind))


def person_summary(store, ref: str) -> dict:
    """A person by UUID or ID number, as the attendance list shows them."""
    with store.read() as s:
        p = find_person(s, ref)
        return {"person_uuid": p.uuid, "name": p.name, "household_uuid": p.household_uuid}
