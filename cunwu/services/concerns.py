"""民情诉求: concerns villagers raise at 民情恳谈会 / 议事协商会 (or at the office), their answer
and follow-up; open ones are listed on the home page.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.dates import parse_date as _date
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services.residents import find_person


def new_concern(session, data: dict, *, meeting: m.Meeting | None = None) -> m.Concern:
    """A checked Concern from {"raised_by": person ref or a name, "topic", "answer",
    "follow_up", "due", "raised_on"}; not yet added."""
    data = limits.fields_of(data, "concern")
    raised_by = str(data.get("raised_by") or "").strip()
    topic = str(data.get("topic") or "").strip()
    if not raised_by or not topic:
        raise CunwuError("E_CONCERN_TOPIC")
    person_uuid = None
    try:
        person = find_person(session, raised_by)
        person_uuid, raised_by = person.uuid, person.name
    except CunwuError:
        pass  # a name of someone not on the roster (a visitor, a tenant) is kept as written
    raised_on = _date(data.get("raised_on")) or (m.local_day(meeting.held_at) if meeting else clock.today())
    closed = bool(data.get("closed"))
    return m.Concern(meeting_uuid=meeting.uuid if meeting else None, person_uuid=person_uuid,
                     raised_by=raised_by, topic=topic, answer=str(data.get("answer") or "").strip(),
                     follow_up=str(data.get("follow_up") or "").strip(),
                     status=m.CONCERN_CLOSED if closed else m.CONCERN_OPEN, raised_on=raised_on,
                     due=_date(data.get("due")), closed_on=raised_on if closed else None)


def add_concern(store, actor, data: dict, meeting_uuid: str | None = None) -> m.Concern:
    meeting_uuid = limits.ref(meeting_uuid, "meeting_uuid")
    with store.write(actor, "concerns.add") as uow:
        meeting = None
        if meeting_uuid:
            meeting = uow.session.get(m.Meeting, meeting_uuid)
            if meeting is None:
                raise CunwuError("E_MEETING_NOT_FOUND", ref=meeting_uuid)
        row = uow.add(new_concern(uow.session, data, meeting=meeting))
    return row


def update_concern(store, actor, uuid: str, *, answer: str | None = None,
                   follow_up: str | None = None, due=None, close: bool = False) -> m.Concern:
    answer, follow_up = limits.fields(answer=answer, follow_up=follow_up).values()
    uuid = limits.ref(uuid, "uuid")
    with store.write(actor, "concerns.update") as uow:
        row = uow.session.get(m.Concern, uuid)
        if row is None:
            raise CunwuError("E_CONCERN_NOT_FOUND", ref=uuid)
        if answer is not None:
            row.answer = answer.strip()
        if follow_up is not None:
            row.follow_up = follow_up.strip()
        if due is not None:
            row.due = _date(due)
        if close and row.status != m.CONCERN_CLOSED:
            row.status, row.closed_on = m.CONCERN_CLOSED, clock.today()
        uow.save(row)
        uow.detail = {"status": row.status}
    return row


def concern_dict(c: m.Concern) -> dict:
    return {"uuid": c.uuid, "meeting_uuid": c.meeting_uuid, "person_uuid": c.person_uuid,
            "raised_by": c.raised_by, "topic": c.topic, "answer": c.answer,
            "follow_up": c.follow_up, "status": c.status, "raised_on": c.raised_on.isoformat(),
            "due": c.due.isoformat() if c.due else None,
            "closed_on": c.closed_on.isoformat() if c.closed_on else None}


def list_concerns(store, *, open_only: bool = False, meeting_uuid: str | None = None) -> list[dict]:
    meeting_uuid = limits.ref(meeting_uuid, "meeting_uuid")
    with store.read() as s:
        q = select(m.Concern)
        if open_only:
            q = q.where(m.Concern.status == m.CONCERN_OPEN)
        if meeting_uuid:
            q = q.where(m.Concern.meeting_uuid == meeting_uuid)
        return [concern_dict(c) for c in s.exec(q.order_by(m.Concern.raised_on, m.Concern.uuid))]


def home_open_concerns(store, actor, today: dt.date) -> list[dict]:
    """Home page: each open concern, due on its follow-up date when one is set."""
    out = []
    for c in list_concerns(store, open_only=True):
        overdue = c["due"] is not None and c["due"] < today.isoformat()
        out.append({"kind": "alert" if overdue or c["due"] is None else "due",
                    "category": _("Villager's concern"),
                    "title": _("Villager's concern from {name}: {topic}").format(
                        name=c["raised_by"], topic=c["topic"][:40]),
                    "due": c["due"], "target": f"meetings:concern:{c['uuid']}"})
    return out
