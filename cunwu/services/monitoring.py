"""Use cases for special groups (tags with dates), 临时救助 grants, visits (走访) and the
village's monitoring thresholds. Every change also lands in the person's history.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.dates import parse_date
from cunwu.domain.monitoring import (DEFAULTS, MonitoringSettings, PersonTag, ReliefGrant, Visit,
                                     check_dates, money, tag_data)
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.services.person_history import record_event
from cunwu.store.canonical import canonical_json

SETTING_LIMITS = {"elderly_age": (60, 120), "visit_days": (1, 365),
                  "review_notice_days": (0, 365), "child_age": (1, 18)}


def _person(session, uuid: str) -> Person:
    person = session.get(Person, uuid)
    if person is None:
        raise CunwuError("E_PERSON_NOT_FOUND", ref=uuid)
    return person


def add_tag(store, actor, person_uuid: str, tag: str, *, since=None, until=None,
            review_due=None, data: dict | None = None, notes: str = "") -> PersonTag:
    tag, data, notes = limits.fields(tag=tag, data=data, notes=notes).values()
    person_uuid = limits.ref(person_uuid, "person_uuid")
    since = parse_date(since) or clock.today()
    until, review_due = parse_date(until), parse_date(review_due)
    check_dates(since, until)
    details = tag_data(tag, data)
    with store.write(actor, "tags.add") as uow:
        _person(uow.session, person_uuid)
        row = add_tag_row(uow, person_uuid, tag, since=since, until=until, review_due=review_due,
                          details=details, notes=notes)
        uow.set_target("persons", person_uuid)
        uow.detail = {"tag": tag}
    return row


def add_tag_row(uow, person_uuid: str, tag: str, *, since: dt.date, details: dict,
                until: dt.date | None = None, review_due: dt.date | None = None,
                notes: str = "") -> PersonTag:
    """The tag record and its history line, inside a caller's transaction (add_tag, and the
    roster import, which adds a roster's groups with its people, all or nothing)."""
    row = uow.add(PersonTag(person_uuid=person_uuid, tag=tag, since=since, until=until,
                            review_due=review_due, notes=notes,
                            data=canonical_json(details).decode("utf-8")))
    record_event(uow, person_uuid, "tags.add",
                 {"tag": [None, tag], "since": [None, since.isoformat()]})
    return row


def update_tag(store, actor, tag_uuid: str, **fields) -> PersonTag:
    """Change dates, review date or details of a tag (ending it: until=date)."""
    tag_uuid, fields = limits.ref(tag_uuid, "tag_uuid"), limits.check(fields)
    with store.write(actor, "tags.edit") as uow:
        row = uow.session.get(PersonTag, tag_uuid)
        if row is None:
            raise CunwuError("E_TAG_NOT_FOUND", ref=tag_uuid)
        changes = {}
        for key, value in fields.items():
            if key in ("since", "until", "review_due"):
                value = parse_date(value)
            elif key == "data":
                value = canonical_json(tag_data(row.tag, value)).decode("utf-8")
            elif key != "notes":
                raise CunwuError("E_PERSON_FIELD", field=key)
            old = getattr(row, key)
            if old != value:
                changes[f"{row.tag}.{key}"] = [_iso(old), _iso(value)]
                setattr(row, key, value)
        if row.since is None:
            raise CunwuError("E_DATE", value="")
        check_dates(row.since, row.until)
        if changes:
            uow.save(row)
            record_event(uow, row.person_uuid, "tags.edit", changes)
        uow.set_target("persons", row.person_uuid)
        uow.detail = {"tag": row.tag}
    return row


def end_tag(store, actor, tag_uuid: str, until=None) -> PersonTag:
    return update_tag(store, actor, tag_uuid, until=parse_date(until) or clock.today())


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def add_grant(store, actor, person_uuid: str, *, granted_on, amount, reason: str) -> ReliefGrant:
    """临时救助: records the grant, and opens a 临时救助 tag if the person has none."""
    reason, amount, granted_on = limits.fields(reason=reason, amount=amount,
                                               granted_on=granted_on).values()
    person_uuid = limits.ref(person_uuid, "person_uuid")
    granted_on = parse_date(granted_on)
    amount = money(amount)
    reason = (reason or "").strip()
    if granted_on is None or not reason:
        raise CunwuError("E_TAG_DATA", tag="临时救助", detail="date, amount, reason")
    with store.write(actor, "relief.grant") as uow:
        _person(uow.session, person_uuid)
        grant = uow.add(ReliefGrant(person_uuid=person_uuid, granted_on=granted_on,
                                    amount=amount, reason=reason))
        has_tag = uow.session.exec(select(PersonTag).where(
            PersonTag.person_uuid == person_uuid, PersonTag.tag == "临时救助")).first()
        if has_tag is None:
            uow.add(PersonTag(person_uuid=person_uuid, tag="临时救助", since=granted_on, data="{}"))
        record_event(uow, person_uuid, "relief.grant",
                     {"临时救助": [None, f"{granted_on.isoformat()} {amount} {reason}"]})
        uow.set_target("persons", person_uuid)
        uow.detail = {"amount": amount}
    return grant


def add_visit(store, actor, person_uuid: str, *, visited_on, visitor: str, notes: str = "") -> Visit:
    visitor, notes = limits.fields(visitor=visitor, notes=notes).values()
    person_uuid = limits.ref(person_uuid, "person_uuid")
    visited_on = parse_date(visited_on) or clock.today()
    visitor = (visitor or "").strip() or actor.username
    with store.write(actor, "visits.add") as uow:
        _person(uow.session, person_uuid)
        visit = uow.add(Visit(person_uuid=person_uuid, visited_on=visited_on, visitor=visitor,
                              notes=(notes or "").strip()))
        record_event(uow, person_uuid, "visits.add", {"visit": [None, visited_on.isoformat()]})
        uow.set_target("persons", person_uuid)
    return visit


def person_tags(session, person_uuid: str) -> list[PersonTag]:
    return list(session.exec(select(PersonTag).where(PersonTag.person_uuid == person_uuid)
                             .order_by(PersonTag.since)).all())


def person_visits(session, person_uuid: str) -> list[Visit]:
    return list(session.exec(select(Visit).where(Visit.person_uuid == person_uuid)
                             .order_by(Visit.visited_on.desc())).all())


def person_grants(session, person_uuid: str) -> list[ReliefGrant]:
    return list(session.exec(select(ReliefGrant).where(ReliefGrant.person_uuid == person_uuid)
                             .order_by(ReliefGrant.granted_on.desc())).all())


def settings(store) -> dict:
    """This village's thresholds (defaults until someone changes them)."""
    village = store.village()
    with store.read() as s:
        row = s.exec(select(MonitoringSettings).where(
            MonitoringSettings.village_code == village.code)).first()
    if row is None:
        return dict(DEFAULTS)
    return {k: getattr(row, k) for k in DEFAULTS}


def change_settings(store, actor, **values) -> dict:
    for name, value in values.items():
        if name not in SETTING_LIMITS:
            raise CunwuError("E_PERSON_FIELD", field=name)
        low, high = SETTING_LIMITS[name]
        if not isinstance(value, int) or not low <= value <= high:
            raise CunwuError("E_SETTING", name=name, low=low, high=high)
    village = store.village()
    with store.write(actor, "monitoring.settings") as uow:
        row = uow.session.exec(select(MonitoringSettings).where(
            MonitoringSettings.village_code == village.code)).first()
        if row is None:
            row = MonitoringSettings(village_code=village.code, **{**DEFAULTS, **values})
            uow.add(row)
        else:
            for name, value in values.items():
                setattr(row, name, value)
            uow.save(row)
        uow.detail = dict(values)
    return settings(store)


def tag_json(row: PersonTag) -> dict:
    return {"uuid": row.uuid, "tag": row.tag, "since": _iso(row.since), "until": _iso(row.until),
            "review_due": _iso(row.review_due), "data": json.loads(row.data or "{}"),
            "notes": row.notes}
