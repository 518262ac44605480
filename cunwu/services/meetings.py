"""Meetings as clerks record them: attendance, agenda items, votes, minutes; closing; a
correction of a closed meeting as a new entry with its reason. Reading is meeting_queries,
votes are meeting_votes.

A meeting is given as a plain dict (the `meetings add` JSON, or the window's editor):
{"kind", "title", "held_at", "place", "chair", "recorder", "status", "expected": [person…],
"present": [person…], "excused": [person…], "items": [{"uuid"?, "title",
"votes": {"同意", "反对", "弃权"}, "resolution"}], "minutes", "concerns": [...]}.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.residents import Person
from cunwu.domain.votes import MeetingVerdict
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services import concerns as concern_service
from cunwu.services.meeting_queries import meeting_detail, open_meeting
from cunwu.services.meeting_votes import check_items, check_recorded
from cunwu.services.memberships import expected_people, rules_for
from cunwu.services.residents import find_person

FIELDS = ("kind", "title", "held_at", "place", "chair", "recorder", "status", "expected",
          "present", "excused", "items", "minutes", "concerns")


# -- input ----------------------------------------------------------------------------------

def _people(session, refs, field: str) -> list[Person]:
    if refs is None:
        return []
    if not isinstance(refs, list):
        raise CunwuError("E_MEETING_INPUT", detail=_("'{field}' must be a list").format(field=field))
    out, seen = [], set()
    for ref in refs:
        p = find_person(session, ref)
        if p.uuid in seen:
            raise CunwuError("E_MEETING_TWICE", name=p.name)
        seen.add(p.uuid)
        out.append(p)
    return out


def _status(data: dict, existing: m.Meeting | None) -> str:
    status = data.get("status")
    if status is None:
        if existing is not None and "present" not in data:
            return existing.status
        return m.HELD if data.get("present") or data.get("excused") else m.PLANNED
    if status not in m.STATUSES:
        raise CunwuError("E_MEETING_INPUT", detail=f"status {status}")
    return status


def _attendance(session, kind: str, day: dt.date, data: dict, held: bool) -> list[m.Attendance]:
    """Expected people with their attendance, checked against the memberships of that day."""
    members = expected_people(session, kind, day)
    present = _people(session, data.get("present"), "present")
    excused = _people(session, data.get("excused"), "excused")
    if not held and present:
        raise CunwuError("E_MEETING_NOT_HELD", title=str(data.get("title") or ""))
    both = {p.uuid for p in present} & {p.uuid for p in excused}
    if both:
        raise CunwuError("E_MEETING_TWICE", name=next(p.name for p in present if p.uuid in both))
    if data.get("expected") is not None:
        expected = _people(session, data["expected"], "expected")
    elif members is not None:
        expected = members
    else:
        expected = present + excused
    body = m.BODY_OF_KIND.get(kind) or (_("party members") if kind == m.PARTY else _("adult villagers"))
    if members is not None:
        allowed = {p.uuid for p in members}
        for p in expected + present + excused:
            if p.uuid not in allowed:
                raise CunwuError("E_MEETING_NOT_MEMBER", name=p.name, kind=kind, body=body)
    listed = {p.uuid for p in expected}
    for p in present + excused:
        if p.uuid not in listed:
            raise CunwuError("E_MEETING_NOT_EXPECTED", name=p.name)
    if not expected and members is not None:
        raise CunwuError("E_MEETING_NOBODY_EXPECTED")
    status_of = {p.uuid: m.PRESENT for p in present} | {p.uuid: m.EXCUSED for p in excused}
    return [m.Attendance(meeting_uuid="", person_uuid=p.uuid, name=p.name,
                         household_uuid=p.household_uuid, position=i,
                         status=status_of.get(p.uuid, m.ABSENT))
            for i, p in enumerate(expected)]


def _fill(meeting: m.Meeting, data: dict, status: str) -> None:
    if "kind" in data or not meeting.kind:
        meeting.kind = m.clean_kind(data.get("kind"))
    if "title" in data or not meeting.title:
        title = str(data.get("title") or "").strip()
        if not title:
            raise CunwuError("E_MEETING_TITLE")
        meeting.title = title
    if "held_at" in data or meeting.held_at is None:
        meeting.held_at = m.parse_held_at(data.get("held_at"))
    for key in ("place", "chair", "recorder", "minutes"):
        if key in data:
            setattr(meeting, key, str(data.get(key) or "").strip())
    meeting.status = status
    if status != m.PLANNED:
        day, today = m.local_day(meeting.held_at), clock.today()
        if day > today:
            raise CunwuError("E_MEETING_FUTURE_HELD", date=day.isoformat(), today=today.isoformat())


# -- writing ----------------------------------------------------------------------------------

def save_meeting(store, actor, data: dict, uuid: str | None = None, *,
                 corrects: str | None = None, reason: str = "") -> m.Meeting:
    """Record a new meeting, or change one that is not closed; one transaction either way."""
    if not isinstance(data, dict):
        raise CunwuError("E_MEETING_INPUT", detail=_("a JSON object is expected"))
    unknown = set(data) - set(FIELDS) - {"uuid"}
    if unknown:
        raise CunwuError("E_MEETING_INPUT", detail=_("unknown field '{f}'").format(f=sorted(unknown)[0]))
    data, reason, uuid = limits.check(data), limits.field("reason", reason), limits.ref(uuid, "uuid")
    action = "meetings.correct" if corrects else "meetings.edit" if uuid else "meetings.add"
    with store.write(actor, action) as uow:
        s = uow.session
        existing = s.get(m.Meeting, uuid) if uuid else None
        if uuid and existing is None:
            raise CunwuError("E_MEETING_NOT_FOUND", ref=uuid)
        if existing is not None and existing.status == m.CLOSED:
            raise CunwuError("E_MEETING_CLOSED", title=existing.title)
        meeting = existing or m.Meeting(kind="", title="", held_at=None, created_at=clock.now_utc(),
                                        created_by=actor.username)
        if corrects:
            meeting.corrects_uuid, meeting.correction_reason = corrects, reason
        status = _status(data, existing)
        _fill(meeting, data, status)
        held = status != m.PLANNED
        if status == m.CLOSED and meeting.closed_at is None:
            meeting.closed_at = clock.now_utc()
        rules = rules_for(s, meeting.kind)
        old_rows = list(s.exec(select(m.Attendance).where(m.Attendance.meeting_uuid == meeting.uuid)))
        people_given = existing is None or any(k in data for k in ("expected", "present", "excused"))
        if not people_given and any(k in data for k in ("kind", "held_at", "status")):
            # another kind or day may expect other people: check the same attendance again
            people_given = True
            data = dict(data, expected=[r.person_uuid for r in old_rows],
                        present=[r.person_uuid for r in old_rows if r.status == m.PRESENT],
                        excused=[r.person_uuid for r in old_rows if r.status == m.EXCUSED])
        rows = _attendance(s, meeting.kind, m.local_day(meeting.held_at), data, held) \
            if people_given else old_rows
        verdict = MeetingVerdict.of_rows(rules, rows)
        if existing is None:
            uow.add(meeting)
        else:
            uow.save(meeting)
        if people_given:
            _replace_attendance(uow, meeting.uuid, old_rows, rows)
        if "items" in data or existing is None:
            items = check_items(data.get("items"), verdict, held)
            _replace_items(uow, meeting.uuid, items)
        elif existing is not None:
            check_recorded(s, meeting.uuid, verdict)
        concerns = data.get("concerns") or []
        if not isinstance(concerns, list):
            raise CunwuError("E_MEETING_INPUT", detail=_("'{field}' must be a list").format(field="concerns"))
        for raw in concerns:
            uow.add(concern_service.new_concern(s, raw, meeting=meeting))
        uow.set_target("meetings", meeting.uuid)
        uow.detail = {"kind": meeting.kind, "status": meeting.status,
                      "expected": verdict.counts.expected, "present": verdict.counts.present,
                      "quorum": verdict.quorum.met}
        if corrects:
            uow.detail["corrects"] = corrects
    return meeting


def _replace_attendance(uow, meeting_uuid: str, old: list[m.Attendance], new: list[m.Attendance]) -> None:
    by_person = {r.person_uuid: r for r in old}
    fresh = []
    for row in new:
        row.meeting_uuid = meeting_uuid
        was = by_person.pop(row.person_uuid, None)
        if was is None:
            fresh.append(row)
        elif (was.status, was.position, was.name) != (row.status, row.position, row.name):
            was.status, was.position, was.name = row.status, row.position, row.name
            uow.save(was)
    for gone in by_person.values():
        uow.delete(gone)
    uow.add_many(m.Attendance, fresh)


def _replace_items(uow, meeting_uuid: str, items: list[dict]) -> None:
    s = uow.session
    old = list(s.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting_uuid)
                      .order_by(m.AgendaItem.position)))
    by_uuid = {i.uuid: i for i in old}
    by_position = {i.position: i for i in old}
    for item in items:
        row = by_uuid.get(item["uuid"]) if item["uuid"] else by_position.get(item["position"])
        if row is not None and row.uuid not in by_uuid:
            row = None
        votes = item["votes"] or (None, None, None)
        values = {"position": item["position"], "title": item["title"],
                  "votes_yes": votes[0], "votes_no": votes[1], "votes_abstain": votes[2],
                  "resolution": item["resolution"]}
        if row is None:
            uow.add(m.AgendaItem(meeting_uuid=meeting_uuid, **values))
            continue
        by_uuid.pop(row.uuid)
        by_position.pop(row.position, None)
        if any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            uow.save(row)
    for gone in by_uuid.values():
        uow.delete(gone)


def close_meeting(store, actor, uuid: str) -> m.Meeting:
    with store.write(actor, "meetings.close") as uow:
        meeting = open_meeting(uow.session, uuid)
        if meeting.status == m.PLANNED:
            raise CunwuError("E_MEETING_NOT_HELD", title=meeting.title)
        meeting.status, meeting.closed_at = m.CLOSED, clock.now_utc()
        uow.save(meeting)
    return meeting


def correct_meeting(store, actor, uuid: str, data: dict, reason: str) -> m.Meeting:
    """A closed meeting stays as it was; the correction is a new, closed meeting that names it."""
    reason = limits.field("reason", reason)
    if not (reason or "").strip():
        raise CunwuError("E_MEETING_CORRECTION_REASON")
    data = limits.fields_of(data, "meeting")
    old = meeting_detail(store, uuid)
    if old["status"] != m.CLOSED:
        raise CunwuError("E_MEETING_NOT_CLOSED", title=old["title"])
    base = {"kind": old["kind"], "title": old["title"], "held_at": old["held_at"],
            "place": old["place"], "chair": old["chair"], "recorder": old["recorder"],
            "minutes": old["minutes"], "status": m.CLOSED,
            "expected": [a["person_uuid"] for a in old["attendance"]],
            "present": [a["person_uuid"] for a in old["attendance"] if a["status"] == m.PRESENT],
            "excused": [a["person_uuid"] for a in old["attendance"] if a["status"] == m.EXCUSED],
            "items": [{"title": i["title"], "votes": i["votes"], "resolution": i["resolution"]}
                      for i in old["items"]]}
    # a correction is final as soon as it is recorded, like the record it corrects
    return save_meeting(store, actor, base | dict(data) | {"status": m.CLOSED}, corrects=uuid,
                        reason=reason.strip())
