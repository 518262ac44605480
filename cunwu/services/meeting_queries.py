"""Reading meetings: one meeting in full, the list with each quorum verdict, who a new
meeting expects; and the look-ups the writing services share (an open meeting, an item)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.votes import MeetingVerdict, counts_of
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services import concerns as concern_service
from cunwu.services.memberships import expected_people, rules_for


def local_time(moment: dt.datetime) -> str:
    return m.utc(moment).astimezone().replace(tzinfo=None).isoformat(timespec="minutes")


def verdict_in(session, meeting: m.Meeting) -> MeetingVerdict:
    rows = session.exec(select(m.Attendance).where(m.Attendance.meeting_uuid == meeting.uuid))
    return MeetingVerdict.of_rows(rules_for(session, meeting.kind), rows)


def open_meeting(session, uuid: str) -> m.Meeting:
    """A meeting that may still be changed (recorded, not closed)."""
    uuid = limits.ref(uuid, "uuid")
    meeting = session.get(m.Meeting, uuid)
    if meeting is None:
        raise CunwuError("E_MEETING_NOT_FOUND", ref=uuid)
    if meeting.status == m.CLOSED:
        raise CunwuError("E_MEETING_CLOSED", title=meeting.title)
    return meeting


def find_item(session, meeting: m.Meeting, ref) -> m.AgendaItem:
    """An agenda item of this meeting by its number (1, 2, …) or UUID."""
    ref = limits.ref(ref, "item")
    items = session.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting.uuid)
                         .order_by(m.AgendaItem.position))
    for i, item in enumerate(items, start=1):
        if item.uuid == ref or ref == str(i):
            return item
    raise CunwuError("E_MEETING_ITEM_NOT_FOUND", ref=ref)


def item_dict(i: m.AgendaItem, v: MeetingVerdict) -> dict:
    return {"uuid": i.uuid, "position": i.position, "title": i.title,
            "votes": {m.YES: i.votes_yes, m.NO: i.votes_no, m.ABSTAIN: i.votes_abstain}
            if i.voted else None,
            "resolution": i.resolution, "passed": v.item_passed(i),
            "valid": v.quorum.met and i.voted, "needed": v.rules.passing.needed(v.counts.present)}


def detail_in(session, meeting: m.Meeting) -> dict:
    rows = list(session.exec(select(m.Attendance).where(m.Attendance.meeting_uuid == meeting.uuid)
                             .order_by(m.Attendance.position)))
    items = list(session.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting.uuid)
                              .order_by(m.AgendaItem.position)))
    v = MeetingVerdict.of_rows(rules_for(session, meeting.kind), rows)
    corrected_by = session.exec(select(m.Meeting.uuid).where(m.Meeting.corrects_uuid == meeting.uuid)
                                .order_by(m.Meeting.created_at.desc())).first()
    concerns = session.exec(select(m.Concern).where(m.Concern.meeting_uuid == meeting.uuid)
                            .order_by(m.Concern.raised_on)).all()
    invalid = "" if v.quorum.met else _("No quorum: {present} of {expected} present, {needed} needed. Its decisions are not valid.").format(
        present=v.counts.present, expected=v.counts.expected, needed=v.quorum.needed)
    return {
        "uuid": meeting.uuid, "kind": meeting.kind, "title": meeting.title,
        "held_at": local_time(meeting.held_at), "place": meeting.place, "status": meeting.status,
        "chair": meeting.chair, "recorder": meeting.recorder, "minutes": meeting.minutes,
        "expected_count": v.counts.expected, "present_count": v.counts.present,
        "excused_count": v.counts.excused, "absent_count": v.counts.absent,
        "households_expected": v.counts.households_expected,
        "households_present": v.counts.households_present,
        "quorum_met": v.quorum.met, "quorum_by": v.quorum.by, "quorum_needed": v.quorum.needed,
        "quorum_rule": v.rule_text, "decisions_valid": v.quorum.met, "invalid_reason": invalid,
        "rules": {"quorum": v.rules.quorum.text if v.rules.quorum else "",
                  "households": v.rules.households.text if v.rules.households else "",
                  "passing": v.rules.passing.text},
        "attendance": [{"person_uuid": r.person_uuid, "name": r.name, "status": r.status,
                        "household_uuid": r.household_uuid} for r in rows],
        "items": [item_dict(i, v) for i in items],
        "concerns": [concern_service.concern_dict(c) for c in concerns],
        "corrects": meeting.corrects_uuid, "correction_reason": meeting.correction_reason,
        "corrected_by": corrected_by,
    }


def meeting_detail(store, uuid: str) -> dict:
    uuid = limits.ref(uuid, "uuid")
    with store.read() as s:
        meeting = s.get(m.Meeting, uuid)
        if meeting is None:
            raise CunwuError("E_MEETING_NOT_FOUND", ref=uuid)
        return detail_in(s, meeting)


def list_meetings(store, *, kind: str | None = None, year: int | None = None) -> list[dict]:
    """Newest first, with counts and the quorum verdict."""
    with store.read() as s:
        q = select(m.Meeting)
        if kind:
            q = q.where(m.Meeting.kind == m.clean_kind(kind))
        meetings = s.exec(q.order_by(m.Meeting.held_at.desc(), m.Meeting.created_at.desc())).all()
        rows = s.exec(select(m.Attendance.meeting_uuid, m.Attendance.status,
                             m.Attendance.household_uuid)).all()
        items: dict[str, list[m.AgendaItem]] = {}
        for item in s.exec(select(m.AgendaItem).order_by(m.AgendaItem.position)):
            items.setdefault(item.meeting_uuid, []).append(item)
        corrected = {c for c in s.exec(select(m.Meeting.corrects_uuid)) if c}
        by_meeting: dict[str, list] = {}
        for meeting_uuid, status, household in rows:
            by_meeting.setdefault(meeting_uuid, []).append((household, status))
        rules = {k: rules_for(s, k) for k in m.KINDS}
        out = []
        for mt in meetings:
            held = local_time(mt.held_at)
            if year and not held.startswith(str(year)):
                continue
            v = MeetingVerdict.of(rules[mt.kind], counts_of(by_meeting.get(mt.uuid, [])))
            out.append({"uuid": mt.uuid, "kind": mt.kind, "title": mt.title, "held_at": held,
                        "place": mt.place, "status": mt.status,
                        "expected_count": v.counts.expected, "present_count": v.counts.present,
                        "excused_count": v.counts.excused, "quorum_met": v.quorum.met,
                        "items": [item_dict(i, v) for i in items.get(mt.uuid, [])],
                        "corrects": mt.corrects_uuid,
                        "corrected": mt.uuid in corrected})
        return out


def expected_for(store, kind: str, held_at) -> list[dict]:
    """Who a new meeting of this kind expects (the window's attendance list)."""
    kind = m.clean_kind(kind)
    day = m.local_day(m.parse_held_at(held_at))
    with store.read() as s:
        people = expected_people(s, kind, day)
        return [{"person_uuid": p.uuid, "name": p.name, "household_uuid": p.household_uuid}
                for p in people or ()]
