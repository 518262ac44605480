"""Use cases for people and households (一人一档): add, edit, change status, and the
readable history of each person. Nothing here deletes a person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import select

from cunwu import clock
from cunwu.domain import idnumbers, limits
from cunwu.domain.accounts import User
from cunwu.domain.dates import parse_date
from cunwu.domain.households import Household
from cunwu.domain.residents import (EDITABLE, GONE, Person, PersonEvent, clean_name,
                                    clean_phone, clean_relation, clean_sex, clean_status)
from cunwu.errors import CunwuError
from cunwu.services import monitoring, search
from cunwu.services.person_history import record_event
from cunwu.store.canonical import jsonable


def clean_fields(fields: dict) -> dict:
    """Checked and normalised person fields, typed in or read from a roster; the ID number
    decides birth date and sex."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise CunwuError("E_PERSON_FIELD", field=sorted(unknown)[0])
    out = limits.check(fields)
    if "name" in out:
        out["name"] = clean_name(out["name"])
    info = idnumbers.parse(out["id_number"]) if out.get("id_number") else None
    if "birth_date" in out:
        out["birth_date"] = parse_date(out["birth_date"])
    if "sex" in out:
        out["sex"] = clean_sex(out["sex"])
    if info is not None:
        idnumbers.check_against(info, birth_date=out.get("birth_date"), sex=out.get("sex") or None)
        out.update(id_number=info.number, birth_date=info.birth_date, sex=info.sex)
    elif "id_number" in out:
        out["id_number"] = None
    if "status_since" in out:
        out["status_since"] = parse_date(out["status_since"])
    if "status" in out:
        out["status"] = clean_status(out["status"])
    if "relation" in out:
        out["relation"] = clean_relation(out["relation"])
    if "phone" in out:
        out["phone"] = clean_phone(out["phone"])
    for key in ("ethnicity", "notes"):
        if key in out:
            out[key] = str(out[key] or "").strip()
    if "party_member" in out:
        out["party_member"] = bool(out["party_member"])
    return out


def _shown(field: str, value):
    value = jsonable(value)
    if field == "id_number" and value:
        return idnumbers.mask(value)
    return value


def _check_unique(session, id_number: str | None, uuid: str | None) -> None:
    if not id_number:
        return
    other = session.exec(select(Person).where(Person.id_number == id_number)).first()
    if other is not None and other.uuid != uuid:
        raise CunwuError("E_ID_DUPLICATE", name=other.name)


def _check_household(session, household_uuid: str | None) -> None:
    if household_uuid and session.get(Household, household_uuid) is None:
        raise CunwuError("E_HOUSEHOLD_NOT_FOUND", ref=household_uuid)


def find_household(session, ref: str) -> Household:
    """A household by 户号 as typed (spreadsheet forms included), else by UUID."""
    number = limits.number_text(limits.text(ref, "household", limits.NAME))
    household = session.exec(select(Household).where(Household.number == number)).first() \
        if number else None
    if household is None and number:
        household = session.get(Household, number)
    if household is None:
        raise CunwuError("E_HOUSEHOLD_NOT_FOUND", ref=number)
    return household


def add_person(store, actor, *, household_number: str | None = None, **fields) -> Person:
    """A new person; the household by UUID (`household_uuid`) or by 户号 (`household_number`)."""
    values = clean_fields(fields)
    return _add_person(store, actor, values, limits.household_number(household_number))


@dataclass
class Added:
    """A person typed in, with the warning codes a clerk should see (W_ID_ADDRESS…)."""

    person: Person
    warnings: list[str]


def add_person_by_hand(store, actor, *, household_number: str | None = None, **fields) -> Added:
    """A person a clerk types in (window or command line). As in a roster, the ID number is
    required: it is what keeps one person from being recorded twice."""
    values = clean_fields(fields)
    if not values.get("id_number"):
        raise CunwuError("E_ID_EMPTY")
    person = _add_person(store, actor, values, limits.household_number(household_number))
    return Added(person, id_warnings(person.id_number))


def id_warnings(id_number: str | None) -> list[str]:
    """Warning codes about a stored ID number (W_ID_ADDRESS: an address code not in the list)."""
    return list(idnumbers.parse(id_number).warnings) if id_number else []


def _add_person(store, actor, values: dict, household_number: str | None) -> Person:
    if not values.get("name"):
        raise CunwuError("E_PERSON_NAME_EMPTY")
    with store.write(actor, "residents.add") as uow:
        if str(household_number or "").strip():
            values["household_uuid"] = find_household(uow.session, household_number).uuid
        _check_unique(uow.session, values.get("id_number"), None)
        _check_household(uow.session, values.get("household_uuid"))
        person = uow.add(Person(created_at=clock.now_utc(), created_by=actor.username, **values))
        if person.relation == "户主" and person.household_uuid:
            _make_head(uow, person)
        search.index_new(uow.session, [(person.uuid, person.name, person.id_number)])
        record_event(uow, person.uuid, "residents.add",
                     {k: [None, _shown(k, v)] for k, v in values.items() if v not in (None, "")})
        uow.set_target("persons", person.uuid)
    return person


def update_person(store, actor, uuid: str, *, action: str = "residents.edit", **fields) -> Person:
    """Change some fields; the history records each field's old and new value."""
    uuid, values = limits.ref(uuid, "uuid"), clean_fields(fields)
    with store.write(actor, action) as uow:
        person = uow.session.get(Person, uuid)
        if person is None:
            raise CunwuError("E_PERSON_NOT_FOUND", ref=uuid)
        if "id_number" in values:
            _check_unique(uow.session, values["id_number"], uuid)
        elif person.id_number:
            info = idnumbers.parse(person.id_number)
            idnumbers.check_against(info, birth_date=values.get("birth_date"),
                                    sex=values.get("sex") or None)
        _check_household(uow.session, values.get("household_uuid"))
        changes = apply_changes(person, values)
        if changes:
            uow.save(person)
            if person.relation == "户主" and person.household_uuid:
                _make_head(uow, person)
            if {"name", "id_number"} & set(changes):
                search.reindex(uow.session, [(person.uuid, person.name, person.id_number)])
            record_event(uow, person.uuid, action, changes)
        uow.set_target("persons", person.uuid)
        uow.detail = {"fields": sorted(changes)}
    return person


def apply_changes(person: Person, values: dict) -> dict:
    """Set the values that differ; return {field: [old, new]} for the history."""
    changes = {}
    for key, new in values.items():
        old = getattr(person, key)
        if old != new:
            changes[key] = [_shown(key, old), _shown(key, new)]
            setattr(person, key, new)
    return changes


def set_status(store, actor, uuid: str, status: str, since=None) -> Person:
    """Moving out, death, working away…: a status with its date; the person stays."""
    status = clean_status(limits.field("status", status))
    since = parse_date(since) or clock.today()
    return update_person(store, actor, uuid, action="residents.status", status=status,
                         status_since=since)


def _make_head(uow, person: Person) -> None:
    household = uow.session.get(Household, person.household_uuid)
    if household is not None and household.head_uuid != person.uuid:
        household.head_uuid = person.uuid
        uow.save(household)


def add_household(store, actor, *, number, address="", group_name="", notes="") -> Household:
    number = limits.household_number(number, "number")
    address, group_name, notes = limits.fields(address=address, group_name=group_name,
                                               notes=notes).values()
    if not number:
        raise CunwuError("E_HOUSEHOLD_NUMBER")
    with store.write(actor, "households.add") as uow:
        if uow.session.exec(select(Household).where(Household.number == number)).first():
            raise CunwuError("E_HOUSEHOLD_EXISTS", number=number)
        household = uow.add(Household(number=number, address=str(address or "").strip(),
                                      group_name=str(group_name or "").strip(),
                                      notes=str(notes or "").strip(), created_at=clock.now_utc()))
    return household


def update_household(store, actor, uuid: str, **fields) -> Household:
    allowed = {"address", "group_name", "notes", "head_uuid"}
    uuid, fields = limits.ref(uuid, "uuid"), limits.check(fields)
    with store.write(actor, "households.edit") as uow:
        household = uow.session.get(Household, uuid)
        if household is None:
            raise CunwuError("E_HOUSEHOLD_NOT_FOUND", ref=uuid)
        changed = []
        for key, value in fields.items():
            if key not in allowed:
                raise CunwuError("E_PERSON_FIELD", field=key)
            if key != "head_uuid":  # text columns: nothing typed is "", never NULL
                value = str(value or "").strip()
            if getattr(household, key) != value:
                setattr(household, key, value)
                changed.append(key)
        if changed:
            uow.save(household)
        uow.detail = {"fields": sorted(changed)}
    return household


def find_person(session, ref: str) -> Person:
    """A person by UUID or by ID number (any form people type); an ID number in the error
    is masked."""
    ref = limits.ref(ref, "person")
    person = session.get(Person, ref) if ref else None
    if person is None and ref:
        try:
            number = idnumbers.normalise(ref)
        except CunwuError:
            number = None
        if number:
            person = session.exec(select(Person).where(Person.id_number == number)).first()
    if person is None:
        shown = idnumbers.mask(ref) if len(ref) in (15, 18) and ref[:6].isdigit() else ref
        raise CunwuError("E_PERSON_NOT_FOUND", ref=shown)
    return person


def person_file(store, ref: str) -> dict:
    """Everything the person dialog shows: the person, household, tags, grants, visits, history
    and the accounts' names by login (`names`)."""
    with store.read() as s:
        person = find_person(s, ref)
        out = {"person": person,
               "household": s.get(Household, person.household_uuid) if person.household_uuid else None,
               "tags": monitoring.person_tags(s, person.uuid),
               "grants": monitoring.person_grants(s, person.uuid),
               "visits": monitoring.person_visits(s, person.uuid),
               # who made each change by their real name (an account's 姓名), not its login
               "names": {u: n for u, n in s.exec(select(User.username, User.display_name)) if n}}
    out["history"] = history(store, person.uuid)
    return out


def history(store, uuid: str) -> list[dict]:
    """The person's history, oldest first: when, who, what, and each field's old → new."""
    uuid = limits.ref(uuid, "uuid")
    with store.read() as s:
        events = s.exec(select(PersonEvent).where(PersonEvent.person_uuid == uuid)
                        .order_by(PersonEvent.at, PersonEvent.uuid)).all()
    return [{"at": e.at.isoformat(), "today": e.today.isoformat(), "actor": e.actor,
             "action": e.action, "changes": json.loads(e.changes)} for e in events]


def household_members(store, household_uuid: str) -> list[Person]:
    """The members, 户主 first (as on a 户口簿), then the eldest first."""
    household_uuid = limits.ref(household_uuid, "household_uuid")
    with store.read() as s:
        household = s.get(Household, household_uuid)
        members = s.exec(select(Person).where(Person.household_uuid == household_uuid)
                         .order_by(Person.birth_date)).all()
    head = household.head_uuid if household else None
    return sorted(members, key=lambda p: not (p.uuid == head or p.relation == "户主"))


def list_households(store, *, group: str | None = None) -> list[dict]:
    from sqlalchemy import text

    sql = ("SELECT h.uuid, h.number, h.address, h.group_name, h.head_uuid, hp.name AS head_name, "
           "(SELECT count(*) FROM persons p WHERE p.household_uuid = h.uuid "
           " AND p.status NOT IN ('迁出', '死亡')) AS members "
           "FROM households h LEFT JOIN persons hp ON hp.uuid = h.head_uuid ")
    params = {}
    if group:
        sql += "WHERE h.group_name = :group "
        params["group"] = group
    sql += "ORDER BY h.group_name, h.number"
    with store.read() as s:
        return [dict(r) for r in s.execute(text(sql), params).mappings()]


def is_gone(person: Person) -> bool:
    return person.status in GONE
