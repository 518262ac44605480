"""Meetings as clerks record them: attendance, agenda items, votes, minutes; closing; a
correction of a closed meeting as a new entry with its reason; the quorum verdict.

A meeting is given as a plain dict (the `meetings add` JSON, or the window's editor):
{"kind", "title", "held_at", "place", "chair", "recorder", "status", "expected": [person…],
"present": [person…], "excused": [person…], "items": [{"uuid"?, "title",
"votes": {"同意", "反对", "弃权"}, "resolution"}], "minutes", "concerns": [...]}.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from cunwu import clock
from cunwu.domain import meetings as m
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services import concerns as concern_service
from cunwu.services.memberships import expected_people, rules_for
from cunwu.services.residents import find_person

FIELDS = ("kind", "title", "held_at", "place", "chair", "recorder", "status", "expected",
          "present", "excused", "items", "minutes", "concerns")


@dataclass
class Verdict:
    """A meeting's counts, its rules and whether it had a quorum."""

    rules: m.KindRules
    counts: m.Counts
    quorum: m.Verdict

    @property
    def rule_text(self) -> str:
        return m.rule_text(self.rules, self.counts)

    def item_passed(self, item: m.AgendaItem) -> bool:
        return bool(self.quorum.met and item.voted
                    and m.passed(self.rules, self.counts.present, item.votes_yes))


def verdict_of(rules: m.KindRules, rows: list[m.Attendance]) -> Verdict:
    present = [r for r in rows if r.status == m.PRESENT]
    counts = m.Counts(
        expected=len(rows), present=len(present),
        excused=sum(1 for r in rows if r.status == m.EXCUSED),
        households_expected=len({r.household_uuid for r in rows if r.household_uuid}),
        households_present=len({r.household_uuid for r in present if r.household_uuid}))
    return Verdict(rules, counts, m.quorum(rules, counts))


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


def _votes(raw) -> tuple[int, int, int] | None:
    if raw in (None, {}):
        return None
    if not isinstance(raw, dict):
        raise CunwuError("E_MEETING_INPUT", detail="votes")
    aliases = {m.YES: ("同意", "yes"), m.NO: ("反对", "no"), m.ABSTAIN: ("弃权", "abstain")}
    unknown = set(raw) - {a for names in aliases.values() for a in names}
    if unknown:
        raise CunwuError("E_MEETING_INPUT", detail=_("unknown vote '{v}'").format(v=sorted(unknown)[0]))
    return tuple(next((raw[a] for a in aliases[k] if a in raw), 0) for k in (m.YES, m.NO, m.ABSTAIN))


def _check_items(data_items, verdict: Verdict, held: bool) -> list[dict]:
    if data_items is None:
        return []
    if not isinstance(data_items, list):
        raise CunwuError("E_MEETING_INPUT", detail=_("'{field}' must be a list").format(field="items"))
    out = []
    for i, raw in enumerate(data_items):
        if not isinstance(raw, dict) or not str(raw.get("title") or "").strip():
            raise CunwuError("E_MEETING_INPUT", detail=_("agenda item {n} needs a title").format(n=i + 1))
        votes = _votes(raw.get("votes"))
        if votes is not None:
            if not held:
                raise CunwuError("E_MEETING_NOT_HELD", title=str(raw["title"]))
            if not verdict.quorum.met:
                raise CunwuError("E_MEETING_NO_QUORUM_VOTE", rule=verdict.rule_text)
            votes = m.check_votes(*votes, verdict.counts.present)
        out.append({"uuid": raw.get("uuid"), "title": str(raw["title"]).strip(), "votes": votes,
                    "resolution": str(raw.get("resolution") or "").strip(), "position": i})
    return out


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
        verdict = verdict_of(rules, rows)
        if existing is None:
            uow.add(meeting)
        else:
            uow.save(meeting)
        if people_given:
            _replace_attendance(uow, meeting.uuid, old_rows, rows)
        if "items" in data or existing is None:
            items = _check_items(data.get("items"), verdict, held)
            _replace_items(uow, meeting.uuid, items)
        elif existing is not None:
            for item in s.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting.uuid)):
                if item.voted and not verdict.quorum.met:
                    raise CunwuError("E_MEETING_NO_QUORUM_VOTE", rule=verdict.rule_text)
                if item.voted:
                    m.check_votes(item.votes_yes, item.votes_no, item.votes_abstain,
                                  verdict.counts.present)
        for raw in data.get("concerns") or ():
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


def record_votes(store, actor, meeting_uuid: str, item_uuid: str, yes, no, abstain,
                 resolution: str | None = None) -> m.AgendaItem:
    """One item's vote (the window's per-item entry)."""
    with store.write(actor, "meetings.vote") as uow:
        s = uow.session
        meeting = _open_meeting(s, meeting_uuid)
        item = s.get(m.AgendaItem, item_uuid)
        if item is None or item.meeting_uuid != meeting.uuid:
            raise CunwuError("E_MEETING_ITEM_NOT_FOUND", ref=item_uuid)
        if meeting.status == m.PLANNED:
            raise CunwuError("E_MEETING_NOT_HELD", title=meeting.title)
        verdict = _verdict(s, meeting)
        if not verdict.quorum.met:
            raise CunwuError("E_MEETING_NO_QUORUM_VOTE", rule=verdict.rule_text)
        item.votes_yes, item.votes_no, item.votes_abstain = m.check_votes(
            yes, no, abstain, verdict.counts.present)
        if resolution is not None:
            item.resolution = resolution.strip()
        uow.save(item)
        uow.set_target("meeting_items", item.uuid)
        uow.detail = {"yes": item.votes_yes, "no": item.votes_no, "abstain": item.votes_abstain}
    return item


def close_meeting(store, actor, uuid: str) -> m.Meeting:
    with store.write(actor, "meetings.close") as uow:
        meeting = _open_meeting(uow.session, uuid)
        if meeting.status == m.PLANNED:
            raise CunwuError("E_MEETING_NOT_HELD", title=meeting.title)
        meeting.status, meeting.closed_at = m.CLOSED, clock.now_utc()
        uow.save(meeting)
    return meeting


def correct_meeting(store, actor, uuid: str, data: dict, reason: str) -> m.Meeting:
    """A closed meeting stays as it was; the correction is a new, closed meeting that names it."""
    if not (reason or "").strip():
        raise CunwuError("E_MEETING_CORRECTION_REASON")
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


def _open_meeting(session, uuid: str) -> m.Meeting:
    meeting = session.get(m.Meeting, uuid)
    if meeting is None:
        raise CunwuError("E_MEETING_NOT_FOUND", ref=uuid)
    if meeting.status == m.CLOSED:
        raise CunwuError("E_MEETING_CLOSED", title=meeting.title)
    return meeting


def _verdict(session, meeting: m.Meeting) -> Verdict:
    rows = list(session.exec(select(m.Attendance).where(m.Attendance.meeting_uuid == meeting.uuid)))
    return verdict_of(rules_for(session, meeting.kind), rows)


# -- reading ----------------------------------------------------------------------------------

def local_time(moment: dt.datetime) -> str:
    return m.utc(moment).astimezone().replace(tzinfo=None).isoformat(timespec="minutes")


def _item_dict(i: m.AgendaItem, v: Verdict) -> dict:
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
    v = verdict_of(rules_for(session, meeting.kind), rows)
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
        "items": [_item_dict(i, v) for i in items],
        "concerns": [concern_service.concern_dict(c) for c in concerns],
        "corrects": meeting.corrects_uuid, "correction_reason": meeting.correction_reason,
        "corrected_by": corrected_by,
    }


def meeting_detail(store, uuid: str) -> dict:
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
            by_meeting.setdefault(meeting_uuid, []).append(
                m.Attendance(meeting_uuid=meeting_uuid, person_uuid="", name="", status=status,
                             household_uuid=household))
        rules = {k: rules_for(s, k) for k in m.KINDS}
        out = []
        for mt in meetings:
            held = local_time(mt.held_at)
            if year and not held.startswith(str(year)):
                continue
            v = verdict_of(rules[mt.kind], by_meeting.get(mt.uuid, []))
            out.append({"uuid": mt.uuid, "kind": mt.kind, "title": mt.title, "held_at": held,
                        "place": mt.place, "status": mt.status,
                        "expected_count": v.counts.expected, "present_count": v.counts.present,
                        "excused_count": v.counts.excused, "quorum_met": v.quorum.met,
                        "items": [_item_dict(i, v) for i in items.get(mt.uuid, [])],
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
