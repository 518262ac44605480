"""One person's file reached by what a clerk types (ID number or UUID, a group by its name):
the file as plain JSON, and the edits the person dialog makes, for the command line.
Each write goes through the same function the dialog calls (residents, monitoring)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.monitoring import PersonTag
from cunwu.errors import CunwuError
from cunwu.services import monitoring, residents
from cunwu.services.residents import find_household, find_person


def _iso(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def person_json(person) -> dict:
    return {k: _iso(getattr(person, k)) for k in
            ("uuid", "name", "id_number", "sex", "birth_date", "ethnicity", "phone",
             "household_uuid", "relation", "status", "status_since", "party_member", "notes",
             "created_at", "created_by")}


def show(store, ref: str) -> dict:
    """Everything the person dialog shows, as plain values."""
    found = residents.person_file(store, ref)
    household = found["household"]
    return {"person": person_json(found["person"]),
            "household": {"uuid": household.uuid, "number": household.number,
                          "group_name": household.group_name, "address": household.address}
            if household else None,
            "tags": [monitoring.tag_json(t) for t in found["tags"]],
            "grants": [{"uuid": g.uuid, "granted_on": _iso(g.granted_on), "amount": g.amount,
                        "reason": g.reason} for g in found["grants"]],
            "visits": [visit_json(v) for v in found["visits"]],
            "history": found["history"]}


def visit_json(v) -> dict:
    return {"uuid": v.uuid, "visited_on": _iso(v.visited_on), "visitor": v.visitor,
            "notes": v.notes}


def person_uuid(store, ref: str) -> str:
    with store.read() as s:
        return find_person(s, ref).uuid


def edit(store, actor, ref: str, fields: dict):
    """`residents.update_person` on the person `ref` names; a household may be given by its
    户号 (`household_number`), as when adding a person."""
    fields = dict(fields)
    uuid = person_uuid(store, ref)
    if "household_number" in fields:
        number = fields.pop("household_number")
        if str(number or "").strip():
            with store.read() as s:
                fields["household_uuid"] = find_household(s, number).uuid
        else:
            fields["household_uuid"] = None
    if "id_number" in fields:
        fields.pop("sex", None)  # the number decides, as in the dialog
    return residents.update_person(store, actor, uuid, **fields)


def set_status(store, actor, ref: str, status: str, since=None):
    return residents.set_status(store, actor, person_uuid(store, ref), status, since)


def add_tag(store, actor, ref: str, tag: str, **kwargs) -> PersonTag:
    return monitoring.add_tag(store, actor, person_uuid(store, ref), tag, **kwargs)


def open_tag(store, ref: str, tag: str) -> PersonTag:
    """The person's newest record of this group that has not ended (E_TAG_NOT_FOUND)."""
    today, tag = clock.today(), limits.ref(tag, "tag")
    with store.read() as s:
        person = find_person(s, ref)
        rows = s.exec(select(PersonTag).where(PersonTag.person_uuid == person.uuid,
                                              PersonTag.tag == tag)
                      .order_by(PersonTag.since.desc())).all()
    for row in rows:
        if row.until is None or row.until >= today:
            return row
    raise CunwuError("E_TAG_NOT_FOUND", ref=f"{person.name} {tag}")


def end_tag(store, actor, ref: str, tag: str, until=None) -> PersonTag:
    return monitoring.end_tag(store, actor, open_tag(store, ref, tag).uuid, until)


def review_tag(store, actor, ref: str, tag: str, due) -> PersonTag:
    """After a review (复核): the date of the next one."""
    if not str(due or "").strip():
        raise CunwuError("E_DATE", value="")
    return monitoring.update_tag(store, actor, open_tag(store, ref, tag).uuid, review_due=due)


def add_visit(store, actor, ref: str, *, visited_on=None, visitor: str = "", notes: str = ""):
    return monitoring.add_visit(store, actor, person_uuid(store, ref), visited_on=visited_on,
                                visitor=visitor, notes=notes)


def visits(store, ref: str) -> list[dict]:
    with store.read() as s:
        return [visit_json(v) for v in monitoring.person_visits(s, find_person(s, ref).uuid)]
