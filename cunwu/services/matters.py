"""四议两公开 matters: add, advance step by step (each step linked to its meeting or its
disclosure), follow up (督办) once decided, and what the home page shows until the
implementation result is disclosed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlmodel import select

from cunwu import clock
from cunwu.domain import decisions as d
from cunwu.domain import limits
from cunwu.domain import meetings as m
from cunwu.domain.votes import MeetingVerdict
from cunwu.errors import CunwuError
from cunwu.i18n import _
from cunwu.services.concerns import _date
from cunwu.services.meeting_queries import find_item
from cunwu.services.memberships import rules_for


def add_matter(store, actor, data: dict) -> d.Matter:
    """{"title", "description", "due", "responsible"} → a matter waiting for its proposal."""
    if not isinstance(data, dict):
        raise CunwuError("E_MEETING_INPUT", detail=_("a JSON object is expected"))
    data = limits.check(data)
    title = str(data.get("title") or "").strip()
    if not title:
        raise CunwuError("E_MATTER_TITLE")
    matter = d.Matter(title=title, description=str(data.get("description") or "").strip(),
                      due=_date(data.get("due")), responsible=str(data.get("responsible") or "").strip(),
                      created_at=clock.now_utc(), created_by=actor.username)
    with store.write(actor, "matters.add") as uow:
        uow.add(matter)
    return matter


def _history(session, matter_uuid: str) -> list[d.MatterStep]:
    return list(session.exec(select(d.MatterStep).where(d.MatterStep.matter_uuid == matter_uuid)
                             .order_by(d.MatterStep.seq)))


def _position(history: list[d.MatterStep]) -> d.Position:
    return d.replay([(h.step, h.result, h.return_to) for h in history])


def _item(session, meeting: m.Meeting, ref) -> m.AgendaItem | None:
    """The item named, else the meeting's only item (none when it has none)."""
    if ref not in (None, ""):
        return find_item(session, meeting, ref)
    items = list(session.exec(select(m.AgendaItem).where(m.AgendaItem.meeting_uuid == meeting.uuid)
                              .order_by(m.AgendaItem.position)))
    if len(items) > 1:
        raise CunwuError("E_MATTER_ITEM_NEEDED", title=meeting.title)
    return items[0] if items else None


# A 决议公开 is a decision notice, a 实施结果公开 a result notice (or free text); either must
# have been posted, since the step is the disclosure itself.
DISCLOSURE_KINDS = {d.PUBLISH_RESOLUTION: ("decision", "free"), d.PUBLISH_RESULT: ("result", "free")}
POSTED = ("posted", "archived")


def _disclosure(session, uuid: str) -> dict | None:
    """kind, status and matter of a disclosure, read by UUID: disclosures are their own subject,
    so there is no foreign key and no import of their models."""
    from sqlalchemy.exc import OperationalError

    try:
        row = session.execute(text("SELECT kind, status, matter_uuid FROM disclosures WHERE uuid = :u"),
                              {"u": uuid}).first()
    except OperationalError:  # no disclosures in this store's schema
        return None
    return dict(row._mapping) if row is not None else None


def _check_disclosure(session, uuid: str, step: str, matter_uuid: str) -> None:
    found = _disclosure(session, uuid)
    if found is None:
        raise CunwuError("E_MATTER_DISCLOSURE_NOT_FOUND", ref=uuid)
    if found["kind"] not in DISCLOSURE_KINDS[step]:
        raise CunwuError("E_MATTER_DISCLOSURE_KIND", step=d.STEP_NAMES[step], kind=found["kind"])
    if found["status"] not in POSTED:
        raise CunwuError("E_MATTER_DISCLOSURE_NOT_POSTED", step=d.STEP_NAMES[step])
    if found["matter_uuid"] and found["matter_uuid"] != matter_uuid:
        raise CunwuError("E_MATTER_DISCLOSURE_OTHER_MATTER")


def disclosures_for(store, step: str) -> list[dict]:
    """Posted notices that may carry a disclosure step, newest first (for the window)."""
    from sqlalchemy.exc import OperationalError

    kinds = DISCLOSURE_KINDS.get(d.clean_step(step))
    if not kinds:
        return []
    with store.read() as s:
        try:
            rows = s.execute(text(
                "SELECT uuid, title, kind, matter_uuid, posting_date FROM disclosures "
                "WHERE kind IN (:a, :b) AND status IN ('posted', 'archived') "
                "ORDER BY posting_date DESC"), {"a": kinds[0], "b": kinds[1]}).all()
        except OperationalError:
            return []
    return [dict(r._mapping) for r in rows]


def _meeting_result(step: str, meeting: m.Meeting, item: m.AgendaItem | None,
                    v: MeetingVerdict, given: str | None) -> str:
    name = d.STEP_NAMES[step]
    voted = item is not None and item.voted
    if step in d.VOTED_STEPS:
        if not v.quorum.met:
            raise CunwuError("E_MATTER_INVALID_MEETING", title=meeting.title, step=name)
        if not voted:
            raise CunwuError("E_MATTER_VOTE_NEEDED", step=name,
                             item=item.title if item else meeting.title)
    if voted and v.quorum.met:
        actual = d.APPROVED if v.item_passed(item) else d.REJECTED
        if given and given != actual:
            raise CunwuError("E_MATTER_RESULT_VOTE", item=item.title, actual=_(d.RESULT_LABELS[actual]),
                             given=_(d.RESULT_LABELS[given]))
        return actual
    if not v.quorum.met and (given or d.APPROVED) == d.APPROVED:
        raise CunwuError("E_MATTER_INVALID_MEETING", title=meeting.title, step=name)
    return given or d.APPROVED


def advance(store, actor, uuid: str, step: str, *, meeting: str | None = None,
            item=None, disclosure: str | None = None, result: str | None = None,
            return_to: str = "", note: str = "", on=None) -> dict:
    """Take the matter's next step. The step must be the one due (no skipping); meeting steps
    take their result from the linked item's vote where there is one."""
    uuid = limits.ref(uuid, "uuid")
    step, return_to, result, note, on, meeting, item, disclosure = limits.fields(
        step=step, return_to=return_to, result=result, note=note, on=on, meeting=meeting,
        item=item, disclosure=disclosure).values()
    step = d.clean_step(step)
    return_to = d.clean_step(return_to) if return_to else ""
    if result is not None and result not in (d.APPROVED, d.REJECTED):
        raise CunwuError("E_MATTER_RESULT", value=result)
    with store.write(actor, "matters.advance") as uow:
        s = uow.session
        matter = s.get(d.Matter, uuid)
        if matter is None:
            raise CunwuError("E_MATTER_NOT_FOUND", ref=uuid)
        history = _history(s, uuid)
        pos = _position(history)
        d.check_move(pos, step, result or d.REJECTED if return_to else result or d.APPROVED, return_to)
        name = d.STEP_NAMES[step]
        row = d.MatterStep(matter_uuid=uuid, seq=len(history) + 1, step=step, result="",
                           return_to=return_to, on=_date(on) or clock.today(), note=note.strip(),
                           at=clock.now_utc(), actor=actor.username)
        if step in d.DISCLOSED_STEPS:
            if meeting or not disclosure:
                raise CunwuError("E_MATTER_LINK", step=name, needed=_("a disclosure (--disclosure UUID)"))
            _check_disclosure(s, disclosure, step, uuid)
            row.disclosure_uuid, row.result = disclosure, result or d.APPROVED
        else:
            if disclosure:
                raise CunwuError("E_MATTER_LINK", step=name, needed=_("a meeting (--meeting UUID)"))
            if meeting is None and step != d.PROPOSE:
                raise CunwuError("E_MATTER_LINK", step=name, needed=_("a meeting (--meeting UUID)"))
            if meeting is None:
                row.result = result or d.APPROVED
            else:
                mt = s.get(m.Meeting, meeting)
                if mt is None:
                    raise CunwuError("E_MEETING_NOT_FOUND", ref=meeting)
                kinds = d.STEP_KINDS[step]
                if kinds and mt.kind not in kinds:
                    raise CunwuError("E_MATTER_MEETING_KIND", step=name, kind=mt.kind,
                                     allowed=" / ".join(k for k in m.KINDS if k in kinds))
                if mt.status == m.PLANNED:
                    raise CunwuError("E_MATTER_MEETING_NOT_HELD", title=mt.title)
                it = _item(s, mt, item)
                rows = s.exec(select(m.Attendance).where(m.Attendance.meeting_uuid == mt.uuid))
                v = MeetingVerdict.of_rows(rules_for(s, mt.kind), rows)
                row.result = _meeting_result(step, mt, it, v, result)
                row.meeting_uuid, row.item_uuid, row.on = mt.uuid, it.uuid if it else None, m.local_day(mt.held_at)
        if row.result == d.APPROVED and return_to:
            raise CunwuError("E_MATTER_RETURN", step=name, to=d.STEP_NAMES[return_to])
        new = d.move(pos, step, row.result, return_to, len(history))
        uow.add(row)
        matter.status, matter.next_step = new.status, new.next_step
        uow.save(matter)
        uow.set_target("matters", uuid)
        uow.detail = {"step": step, "result": row.result, "return_to": return_to,
                      "status": matter.status}
    return matter_detail(store, uuid)


def follow_up(store, actor, uuid: str, note: str, *, new_due=None) -> d.MatterFollowUp:
    """督办: a note on how implementation goes; it may move the due date."""
    uuid, note = limits.ref(uuid, "uuid"), limits.field("note", note)
    new_due = _date(new_due)
    with store.write(actor, "matters.follow_up") as uow:
        matter = uow.session.get(d.Matter, uuid)
        if matter is None:
            raise CunwuError("E_MATTER_NOT_FOUND", ref=uuid)
        if matter.status != d.DECIDED:
            raise CunwuError("E_MATTER_NOT_DECIDED", title=matter.title)
        if not (note or "").strip():
            raise CunwuError("E_MEETING_INPUT", detail=_("the follow-up needs a note"))
        row = uow.add(d.MatterFollowUp(matter_uuid=uuid, on=clock.today(), note=note.strip(),
                                       new_due=new_due, at=clock.now_utc(), actor=actor.username))
        if new_due is not None:
            matter.due = new_due
            uow.save(matter)
        uow.set_target("matters", uuid)
        uow.detail = {"new_due": new_due.isoformat() if new_due else None}
    return row


def _step_dict(h: d.MatterStep, titles: dict[str, str]) -> dict:
    return {"seq": h.seq, "step": h.step, "name": d.STEP_NAMES[h.step], "result": h.result,
            "return_to": h.return_to or None, "meeting_uuid": h.meeting_uuid,
            "meeting_title": titles.get(h.meeting_uuid or ""), "item_uuid": h.item_uuid,
            "disclosure_uuid": h.disclosure_uuid, "on": h.on.isoformat(), "note": h.note,
            "actor": h.actor}


def detail_in(session, matter: d.Matter) -> dict:
    history = _history(session, matter.uuid)
    pos = _position(history)
    ids = {h.meeting_uuid for h in history if h.meeting_uuid}
    titles = {mt.uuid: mt.title for mt in session.exec(select(m.Meeting).where(m.Meeting.uuid.in_(ids)))} if ids else {}
    steps = []
    for step in d.STEPS:
        entry = history[pos.latest[step]] if step in pos.latest else None
        steps.append({"step": step, "name": d.STEP_NAMES[step], "state": pos.states[step],
                      **({k: v for k, v in _step_dict(entry, titles).items()
                          if k not in ("step", "name")} if entry else {})})
    followups = session.exec(select(d.MatterFollowUp).where(d.MatterFollowUp.matter_uuid == matter.uuid)
                             .order_by(d.MatterFollowUp.at)).all()
    return {"uuid": matter.uuid, "title": matter.title, "description": matter.description,
            "status": matter.status, "status_label": _(d.MATTER_STATUS_LABELS[matter.status]),
            "next_step": matter.next_step or None,
            "next_step_name": d.STEP_NAMES.get(matter.next_step),
            "due": matter.due.isoformat() if matter.due else None,
            "responsible": matter.responsible, "steps": steps,
            "history": [_step_dict(h, titles) for h in history],
            "followups": [{"on": f.on.isoformat(), "note": f.note,
                           "new_due": f.new_due.isoformat() if f.new_due else None,
                           "actor": f.actor} for f in followups]}


def matter_detail(store, uuid: str) -> dict:
    uuid = limits.ref(uuid, "uuid")
    with store.read() as s:
        matter = s.get(d.Matter, uuid)
        if matter is None:
            raise CunwuError("E_MATTER_NOT_FOUND", ref=uuid)
        return detail_in(s, matter)


def list_matters(store) -> list[dict]:
    with store.read() as s:
        return [detail_in(s, mt) for mt in s.exec(select(d.Matter).order_by(d.Matter.created_at.desc()))]


def matter_choices(store) -> list[dict]:
    """Every matter by its title and the day it was entered, newest first: what a clerk
    picks a matter by (a notice's 关联事项)."""
    with store.read() as s:
        rows = s.exec(select(d.Matter.uuid, d.Matter.title, d.Matter.created_at)
                      .order_by(d.Matter.created_at.desc())).all()
    return [{"uuid": uuid, "title": title, "on": m.local_day(at).isoformat()}
            for uuid, title, at in rows]


def home_supervision(store, actor, today: dt.date) -> list[dict]:
    """督办: each decided matter until its implementation result is disclosed."""
    out = []
    with store.read() as s:
        for mt in s.exec(select(d.Matter).where(d.Matter.status == d.DECIDED)):
            overdue = mt.due is not None and mt.due < today
            out.append({"kind": "alert" if overdue or mt.due is None else "due",
                        "category": _("Follow-up (督办)"),
                        "title": (_("Follow up (督办): {title} is overdue; disclose its implementation result")
                                  if overdue else
                                  _("Follow up (督办): {title}; next: {step}")).format(
                            title=mt.title, step=d.STEP_NAMES.get(mt.next_step, "")),
                        "due": mt.due, "target": f"meetings:matter:{mt.uuid}"})
    return out
