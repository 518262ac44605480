"""Points activities (积分活动) with their sign-in lists, and the way their points travel:
entered → approved by a second user → published (积分公示) → posted to the ledger once the
display period is over; objections held and answered on the way.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from cunwu import clock
from cunwu.domain import limits
from cunwu.domain.dates import parse_date
from cunwu.domain.points import (PointsActivity, PointsEntry, PointsParticipant, PointsRule,
                                 clean_code, clean_quantity, earned, gone_on)
from cunwu.domain.residents import Person
from cunwu.errors import CunwuError
from cunwu.services.points_ledger import balance_in, book_many, scoring_owner
from cunwu.services.points_rules import rule_on
from cunwu.services.points_settings import clean_publish_days, settings, settings_in
from cunwu.services.residents import find_person


# -- activities --------------------------------------------------------------------

def _participants(session, rule: PointsRule, day: dt.date, items: list) -> list[tuple]:
    """(person, quantity, points) for each sign-in; every problem named."""
    out, seen = [], set()
    for item in items or []:
        if not isinstance(item, dict):
            raise CunwuError("E_POINTS_INPUT", detail="each participant is an object")
        person = find_person(session, str(item.get("person") or "").strip())
        if person.uuid in seen:
            raise CunwuError("E_POINTS_PARTICIPANT_TWICE", name=person.name)
        seen.add(person.uuid)
        if gone_on(person.status, person.status_since, day):
            raise CunwuError("E_POINTS_PARTICIPANT_GONE", name=person.name, status=person.status,
                             since=person.status_since.isoformat() if person.status_since else "?",
                             date=day.isoformat())
        quantity = clean_quantity(item.get("quantity", 1), rule.unit)
        out.append((person, quantity, earned(rule.points, quantity)))
    if not out:
        raise CunwuError("E_POINTS_NO_PARTICIPANTS")
    return out


def add_activity(store, actor, *, title: str, held_on, rule: str, participants: list,
                 place: str = "", organiser: str = "", notes: str = "") -> PointsActivity:
    """An activity with its sign-in list; the points wait for a second user's approval."""
    title, rule, place, organiser, notes, held_on = limits.fields(
        title=title, rule=rule, place=place, organiser=organiser, notes=notes,
        held_on=held_on).values()
    participants = limits.check(participants, "participants")
    title = str(title or "").strip()
    if not title:
        raise CunwuError("E_POINTS_TITLE")
    day = parse_date(held_on, required=True)
    if day > clock.today():
        raise CunwuError("E_POINTS_FUTURE", date=day.isoformat())
    with store.write(actor, "points.activity.add") as uow:
        version = rule_on(uow.session, clean_code(rule), day)
        people = _participants(uow.session, version, day, participants)
        activity = uow.add(PointsActivity(
            title=title, held_on=day, place=str(place or "").strip(),
            organiser=str(organiser or "").strip(), rule_uuid=version.uuid,
            entered_by=actor.username, entered_at=clock.now_utc(), notes=str(notes or "")))
        uow.add_many(PointsParticipant, [PointsParticipant(
            activity_uuid=activity.uuid, person_uuid=p.uuid, quantity=float(q), points=pts)
            for p, q, pts in people])
        uow.set_target("points_activities", activity.uuid)
        uow.detail = {"rule": version.code, "version": version.version, "participants": len(people)}
    return activity


def set_participants(store, actor, activity_uuid: str, participants: list) -> PointsActivity:
    """Replace the sign-in list of an activity not yet approved."""
    participants = limits.check(participants, "participants")
    with store.write(actor, "points.activity.participants") as uow:
        activity = _activity(uow.session, activity_uuid, "entered")
        version = uow.session.get(PointsRule, activity.rule_uuid)
        people = _participants(uow.session, version, activity.held_on, participants)
        existing = {p.person_uuid: p for p in uow.session.exec(select(PointsParticipant).where(
            PointsParticipant.activity_uuid == activity.uuid))}
        wanted = {p.uuid for p, _, _ in people}
        for person_uuid, row in existing.items():
            if person_uuid not in wanted:
                uow.delete(row)
        for person, quantity, pts in people:
            row = existing.get(person.uuid)
            if row is None:
                uow.add(PointsParticipant(activity_uuid=activity.uuid, person_uuid=person.uuid,
                                          quantity=float(quantity), points=pts))
            elif (row.quantity, row.points) != (float(quantity), pts):
                row.quantity, row.points = float(quantity), pts
                uow.save(row)
        uow.set_target("points_activities", activity.uuid)
        uow.detail = {"participants": len(people)}
    return activity


def _activity(session, ref: str, *states: str) -> PointsActivity:
    activity = session.get(PointsActivity, limits.ref(ref, "activity_uuid"))
    if activity is None:
        raise CunwuError("E_POINTS_ACTIVITY_NOT_FOUND", ref=ref)
    if states and activity.state not in states:
        raise CunwuError("E_POINTS_STATE", state=activity.state, needed="/".join(states))
    return activity


def approve(store, actor, activity_uuid: str) -> PointsActivity:
    """The second user's approval: never the one who entered the points."""
    permission = "sign_off" if actor.may("sign_off") else "write"
    with store.write(actor, "points.approve", permission=permission) as uow:
        activity = _activity(uow.session, activity_uuid, "entered")
        if activity.entered_by == actor.username:
            raise CunwuError("E_POINTS_SAME_APPROVER", user=actor.username)
        activity.state, activity.approved_by = "approved", actor.username
        activity.approved_at = clock.now_utc()
        uow.save(activity)
        uow.set_target("points_activities", activity.uuid)
    return activity


def reject(store, actor, activity_uuid: str, reason: str) -> dict:
    """驳回: the second user refuses the points, with a reason. The activity and its sign-in
    list are removed (the audit entry keeps what they were and why); the one who entered
    them may enter them again, corrected."""
    reason = str(limits.field("reason", reason) or "").strip()
    if not reason:
        raise CunwuError("E_POINTS_REJECT_REASON")
    permission = "sign_off" if actor.may("sign_off") else "write"
    with store.write(actor, "points.reject", permission=permission) as uow:
        activity = _activity(uow.session, activity_uuid, "entered")
        if activity.entered_by == actor.username:
            raise CunwuError("E_POINTS_SAME_APPROVER", user=actor.username)
        signed = list(uow.session.exec(select(PointsParticipant).where(
            PointsParticipant.activity_uuid == activity.uuid)))
        detail = {"title": activity.title, "held_on": activity.held_on.isoformat(),
                  "entered_by": activity.entered_by, "reason": reason,
                  "participants": len(signed), "points": sum(p.points for p in signed)}
        for row in signed:
            uow.delete(row)
        uow.set_target("points_activities", activity.uuid)
        uow.delete(activity)
        uow.detail = detail
    return detail


def publish(store, actor, activity_uuid: str, *, days: int | None = None) -> PointsActivity:
    """积分公示 from today, for the village's period unless `days` is given."""
    days = clean_publish_days(settings(store).publish_days if days is None else days)
    with store.write(actor, "points.publish") as uow:
        activity = _activity(uow.session, activity_uuid, "approved")
        activity.state, activity.published_on, activity.publish_days = \
            "published", clock.today(), days
        uow.save(activity)
        uow.set_target("points_activities", activity.uuid)
        uow.detail = {"until": activity.publicity_ends().isoformat()}
    return activity


def post(store, actor, activity_uuid: str) -> int:
    """Into the ledger, once 公示 is over: every participant not held by an objection.
    A deduction never takes the scoring balance below zero: it is cut to what is there."""
    today = clock.today()
    with store.write(actor, "points.post") as uow:
        scope = settings_in(uow.session).scope
        activity = _activity(uow.session, activity_uuid, "published", "posted")
        ends = activity.publicity_ends()
        if today <= ends:
            raise CunwuError("E_POINTS_PUBLICITY", until=ends.isoformat(),
                             first=(ends + dt.timedelta(days=1)).isoformat())
        rule = uow.session.get(PointsRule, activity.rule_uuid)
        rows = uow.session.exec(select(PointsParticipant).where(
            PointsParticipant.activity_uuid == activity.uuid)).all()
        pending = [r for r in rows if r.state == "pending"]
        persons = {p.uuid: p for p in uow.session.exec(select(Person).where(
            Person.uuid.in_([r.person_uuid for r in pending])))}
        title = rule.name if activity.title == rule.name else f"{rule.name}（{activity.title}）"
        balances: dict = {}  # scoring balances as this posting moves them
        entries = []
        for row in pending:
            person = persons[row.person_uuid]
            points, reason = row.points, title
            owner = scoring_owner(person, scope)
            if owner not in balances:
                balances[owner] = balance_in(uow.session, *owner)
            if points < 0:
                have = max(balances[owner], 0)
                if -points > have:
                    points, reason = -have, title + f"；应扣{-row.points}分，余额{have}分，按余额扣除"
            balances[owner] += points
            entries.append(PointsEntry(
                person_uuid=person.uuid, household_uuid=person.household_uuid, kind="earn",
                points=points, dated=activity.held_on, ranked=True, rule_uuid=rule.uuid,
                activity_uuid=activity.uuid, participant_uuid=row.uuid, reason=reason,
                entered_at=clock.now_utc(), entered_by=actor.username))
            row.state = "posted"
            uow.save(row)
        book_many(uow, entries)
        posted = len(entries)
        if all(r.state in ("posted", "rejected") for r in rows):
            activity.state = "posted"
            uow.save(activity)
        uow.set_target("points_activities", activity.uuid)
        uow.detail = {"posted": posted}
    return posted


def object_to(store, actor, participant_uuid: str, objection: str) -> PointsParticipant:
    """An objection raised during 公示 holds this participant's points back."""
    objection = str(limits.field("objection", objection) or "").strip()
    if not objection:
        raise CunwuError("E_POINTS_OBJECTION_TEXT")
    with store.write(actor, "points.object") as uow:
        row = _participant(uow.session, participant_uuid)
        activity = uow.session.get(PointsActivity, row.activity_uuid)
        ends = activity.publicity_ends()
        if (activity.state != "published" or row.state != "pending" or ends is None
                or clock.today() > ends):
            raise CunwuError("E_POINTS_OBJECTION_PERIOD", state=row.state)
        row.state, row.objection = "held", objection
        uow.save(row)
        uow.set_target("points_participants", row.uuid)
    return row


def resolve(store, actor, participant_uuid: str, *, uphold: bool, answer: str) -> PointsParticipant:
    """Answer an objection: upheld, the points are never posted; dismissed, they are posted
    with the activity's next posting."""
    answer = str(limits.field("answer", answer) or "").strip()
    if not answer:
        raise CunwuError("E_POINTS_OBJECTION_TEXT")
    with store.write(actor, "points.resolve") as uow:
        row = _participant(uow.session, participant_uuid)
        if row.state != "held":
            raise CunwuError("E_POINTS_NOT_HELD")
        row.state, row.answer = ("rejected" if uphold else "pending"), answer
        uow.save(row)
        activity = uow.session.get(PointsActivity, row.activity_uuid)
        others = uow.session.exec(select(PointsParticipant).where(
            PointsParticipant.activity_uuid == activity.uuid)).all()
        if activity.state == "published" and activity.publicity_ends() < clock.today() and all(
                r.state in ("posted", "rejected") for r in others):
            activity.state = "posted"
            uow.save(activity)
        uow.set_target("points_participants", row.uuid)
        uow.detail = {"upheld": bool(uphold)}
    return row


def _participant(session, ref: str) -> PointsParticipant:
    row = session.get(PointsParticipant, limits.ref(ref, "participant_uuid"))
    if row is None:
        raise CunwuError("E_POINTS_PARTICIPANT_NOT_FOUND", ref=ref)
    return row


# -- reading -------------------------------------------------------------------------

def activities(store, *, state: str | None = None) -> list[dict]:
    sql = ("SELECT a.uuid, a.title, a.held_on, a.place, a.organiser, a.state, a.entered_by, "
           "a.approved_by, a.published_on, a.publish_days, r.code, r.name, r.points, r.unit, "
           "r.version, (SELECT count(*) FROM points_participants p WHERE p.activity_uuid = a.uuid), "
           "(SELECT coalesce(sum(points), 0) FROM points_participants p WHERE p.activity_uuid = a.uuid), "
           "(SELECT count(*) FROM points_participants p WHERE p.activity_uuid = a.uuid "
           " AND p.state = 'held') "
           "FROM points_activities a JOIN points_rules r ON r.uuid = a.rule_uuid "
           + ("WHERE a.state = ? " if state else "") + "ORDER BY a.held_on DESC, a.entered_at DESC")
    with store.read() as s:
        rows = s.connection().exec_driver_sql(sql, (state,) if state else ()).fetchall()
    out = []
    for r in rows:
        published = dt.date.fromisoformat(str(r[8])) if r[8] else None
        ends = published + dt.timedelta(days=max(r[9] or 1, 1) - 1) if published else None
        out.append({"uuid": r[0], "title": r[1], "held_on": str(r[2]), "place": r[3],
                    "organiser": r[4], "state": r[5], "entered_by": r[6], "approved_by": r[7],
                    "published_on": str(published) if published else None,
                    "publicity_ends": str(ends) if ends else None,
                    "rule": r[10], "rule_name": r[11], "rule_points": r[12], "unit": r[13],
                    "rule_version": r[14], "participants": r[15], "points": r[16], "held": r[17]})
    return out


def activity(store, uuid: str) -> dict:
    """One activity with its participants (name, quantity, points, state, objection)."""
    found = [a for a in activities(store) if a["uuid"] == uuid]
    if not found:
        raise CunwuError("E_POINTS_ACTIVITY_NOT_FOUND", ref=uuid)
    sql = ("SELECT p.uuid, p.person_uuid, s.name, s.id_number, coalesce(h.number, ''), "
           "coalesce(h.group_name, ''), p.quantity, p.points, p.state, p.objection, p.answer "
           "FROM points_participants p JOIN persons s ON s.uuid = p.person_uuid "
           "LEFT JOIN households h ON h.uuid = s.household_uuid "
           "WHERE p.activity_uuid = ? ORDER BY h.group_name, h.number, s.name")
    with store.read() as s:
        rows = s.connection().exec_driver_sql(sql, (uuid,)).fetchall()
    found[0]["people"] = [{"uuid": r[0], "person": r[1], "name": r[2], "id_number": r[3],
                           "household_number": r[4], "group": r[5], "quantity": r[6],
                           "points": r[7], "state": r[8], "objection": r[9], "answer": r[10]}
                          for r in rows]
    return found[0]


def find_people(store, query: str, *, limit: int = 30) -> list[dict]:
    """Residents matching a name, pinyin (full or initials) or ID number, for sign-in and
    the supermarket counter: the residents' search service, with the points balance."""
    from cunwu.services.people import PersonQuery, page

    scope = settings(store).scope
    with store.read() as s:
        rows = page(s, PersonQuery(search=query), limit=limit) if str(query or "").strip() else []
        out = []
        for r in rows:
            owner = r.household_uuid if scope == "household" else r.uuid
            out.append({"uuid": r.uuid, "name": r.name, "group": r.group_name,
                        "household_number": r.household_number, "status": r.status,
                        "household": r.household_uuid,
                        "balance": balance_in(s, scope, owner) if owner else 0})
    return out


def home_items(store, actor, today: dt.date) -> list[dict]:
    """For the home page: points waiting for approval, and 公示 that ends (then post)."""
    from cunwu.i18n import _

    items = []
    for a in activities(store):
        if a["state"] == "entered":
            items.append({"kind": "alert", "category": _("Points approval"), "due": None,
                          "target": f"points:{a['uuid']}",
                          "title": _("Points of {title} ({day}) wait for approval by a second user.")
                          .format(title=a["title"], day=a["held_on"])})
        elif a["state"] == "published" and a["publicity_ends"]:
            first = dt.date.fromisoformat(a["publicity_ends"]) + dt.timedelta(days=1)
            items.append({"kind": "due", "category": _("Points to post"), "due": first,
                          "target": f"points:{a['uuid']}",
                          "title": _("Points of {title} can be posted to the ledger from {day}.")
                          .format(title=a["title"], day=first.isoformat())})
    return items
