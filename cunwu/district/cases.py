"""The district's view of the villages' cases (工单), read from the rows their bundles bring:
open and overdue per village, the escalation queue (上报乡镇); and what an officer does about
them — accept, act, return, close an escalated case, or dispatch a new one — each kept as an
item for the village's next district bundle (district/outbox.py), audited.
"""

from __future__ import annotations

import datetime as dt
import json
import weakref

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import audit, outbox
from cunwu.district.accounts import DistrictUser
from cunwu.district.schema import down_items, people, records, villages
from cunwu.district.store import District
from cunwu.domain import cases as c
from cunwu.domain import idnumbers
from cunwu.errors import CunwuError

UPDATES = ("accept", "act", "return", "close")
FIELDS = ("uuid", "number", "village_code", "person_uuid", "household_uuid", "subject_name",
          "category", "severity", "source", "title", "status", "handler", "opened_on", "due",
          "closed_on", "result", "decision")


def _case_fields(village: str, row: str) -> dict:
    case = json.loads(row)
    out = dict(zip(FIELDS, map(case.get, FIELDS)))
    out["village"] = village
    return out


# Each village's cases as last parsed, with the envelope of the bundle they came from: a
# village's rows change only when one of its bundles is applied (importer.apply, a quarantine
# release through it), which moves its last envelope, so only those villages are read again.
# Parsing every case's JSON on each request was most of the case list's time.
_parsed: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _rows(d: District, conn, codes: list[str]) -> list[dict]:
    """Every live case of these villages (shared dicts: callers copy before changing)."""
    held = _parsed.setdefault(d, {})
    versions = dict(conn.execute(sa.select(villages.c.code, villages.c.last_envelope_sha256)
                                 .where(villages.c.code.in_(codes))).all()) if codes else {}
    stale = [code for code, version in versions.items() if held.get(code, (None,))[0] != version]
    if stale:
        fresh: dict[str, list[dict]] = {code: [] for code in stale}
        for village, row in conn.execute(sa.select(records.c.village, records.c.row).where(
                records.c.village.in_(stale) & (records.c.entity == "cases") & records.c.deleted.is_(False))):
            fresh[village].append(_case_fields(village, row))
        held.update({code: (versions[code], rows) for code, rows in fresh.items()})
    return [r for code in codes if code in versions for r in held[code][1]]


def _pending(conn, village: str | None = None) -> dict[str, list[dict]]:
    """The district's own updates not yet in a bundle the village applied, by case."""
    q = sa.select(down_items.c.body, down_items.c.down_seq, down_items.c.actor,
                  down_items.c.created_at).where(down_items.c.kind == "case_update")
    if village:
        q = q.where(down_items.c.village == village)
    out: dict[str, list[dict]] = {}
    for body, seq, actor, at in conn.execute(q):
        item = json.loads(body)
        out.setdefault(item["case_uuid"], []).append(
            {"action": item["action"], "note": item.get("note", ""), "officer": actor, "at": at,
             "bundle": seq})
    return out


def overview(d: District, today: dt.date | None = None) -> dict:
    """Per village: open, overdue and escalated counts; the escalation queue and the overdue
    list across villages, oldest first."""
    today = (today or clock.today()).isoformat()
    with d.reader.connect() as conn:
        names = dict(conn.execute(sa.select(villages.c.code, villages.c.name)).all())
        rows = _rows(d, conn, sorted(names))
        pending = _pending(conn)
    per = {code: {"code": code, "name": name, "open": 0, "overdue": 0, "escalated": 0, "closed": 0}
           for code, name in names.items()}
    queue, overdue = [], []
    for r in rows:
        v = per[r["village"]]
        if r["status"] in c.OPEN:
            v["open"] += 1
            if (r["due"] or "9999") < today:
                v["overdue"] += 1
                overdue.append(dict(r))  # the cached dicts stay unchanged
            if r["status"] == c.ESCALATED:
                v["escalated"] += 1
                queue.append(r | {"district": pending.get(r["uuid"], [])})
        else:
            v["closed"] += 1
    queue.sort(key=lambda r: (r["due"] or "", r["number"] or ""))
    overdue.sort(key=lambda r: (r["due"] or "", r["number"] or ""))
    totals = {k: sum(v[k] for v in per.values()) for k in ("open", "overdue", "escalated", "closed")}
    return {"villages": sorted(per.values(), key=lambda v: v["code"]), "queue": queue,
            "overdue": overdue, "totals": totals, "day": today}


def village_cases(d: District, code: str) -> list[dict]:
    with d.reader.connect() as conn:
        rows = _rows(d, conn, [code])
        pending = _pending(conn, code)
    return sorted((r | {"district": pending.get(r["uuid"], [])} for r in rows),
                  key=lambda r: (r["status"] not in c.OPEN, r["due"] or "", r["number"] or ""))


def _case(conn, village: str, case_uuid: str) -> dict:
    row = conn.execute(sa.select(records.c.row).where(
        (records.c.village == village) & (records.c.entity == "cases")
        & (records.c.uuid == str(case_uuid)) & records.c.deleted.is_(False))).scalar()
    if row is None:
        raise CunwuError("E_DISTRICT_CASE", ref=str(case_uuid)[:40], village=village)
    return json.loads(row)


def update(d: District, user: DistrictUser, village: str, case_uuid: str, action: str,
           note: str = "", result: str = "", decision: str = "") -> dict:
    """受理 / 办理 / 退回 / 办结 an escalated case: checked now, applied in the village when it
    imports its next district bundle."""
    user.require("cases")
    if action not in UPDATES:
        raise CunwuError("E_CASE_TRANSITION", action=str(action)[:20], status=c.ESCALATED,
                         allowed="、".join(UPDATES))
    note, result, decision = (str(x or "").strip()[:2000] for x in (note, result, decision))
    with d.engine.begin() as conn:
        case = _case(conn, village, case_uuid)
        if case.get("status") != c.ESCALATED:
            raise CunwuError("E_CASE_TRANSITION", action=action, status=str(case.get("status")),
                             allowed="-")
        if action == "close":
            c.check_close(case.get("category", ""), result, decision)
        elif action != "accept" and not note:
            raise CunwuError("E_CASE_NOTE")
        body = {"case_uuid": case["uuid"], "action": action, "note": note, "officer": user.name}
        if action == "close":
            body |= {"result": result, "decision": decision}
        item = outbox.add_item(conn, user, village, "case_update", body)
        audit.append(conn, user.name, f"cases.{action}", f"{village}:{case.get('number')}",
                     {"item": item, "note": note[:200]})
    return {"item": item, "village": village, "number": case.get("number"), "action": action}


def dispatch(d: District, user: DistrictUser, village: str, data: dict) -> dict:
    """派单 to a village: a new case about one of its people (by ID number or the person's
    uuid) or households (uuid), from a cross-village check or by hand."""
    user.require("cases")
    category = c.choice(data.get("category"), c.CATEGORIES, "E_CASE_CATEGORY")
    severity = c.choice(data.get("severity") or c.SEVERITIES[0], c.SEVERITIES, "E_CASE_SEVERITY")
    title = str(data.get("title") or "").strip()[:200]
    if not title:
        raise CunwuError("E_CASE_TITLE")
    with d.engine.begin() as conn:
        outbox.known_village(conn, village)
        person, household = _subject(conn, village, str(data.get("person") or "").strip(),
                                     str(data.get("household") or "").strip())
        body = {"person": person, "household": household, "category": category,
                "severity": severity, "title": title, "officer": user.name,
                "description": str(data.get("description") or "").strip()[:2000],
                "department": str(data.get("department") or "").strip()[:64]}
        item = outbox.add_item(conn, user, village, "case_dispatch", body)
        audit.append(conn, user.name, "cases.dispatch", village,
                     {"item": item, "category": category, "title": title})
    return {"item": item, "village": village, "title": title}


def _subject(conn, village: str, person: str, household: str) -> tuple[str, str]:
    if person:
        try:
            number = idnumbers.normalise(person)
        except CunwuError:
            number = None
        col = people.c.id_number if number else people.c.uuid
        found = conn.execute(sa.select(people.c.uuid).where(
            (people.c.village == village) & (col == (number or person)))).scalar()
        if found is None:
            raise CunwuError("E_PERSON_NOT_FOUND", ref=idnumbers.mask(person) if number else person[:40])
        return found, ""
    if household:
        found = conn.execute(sa.select(records.c.uuid).where(
            (records.c.village == village) & (records.c.entity == "households")
            & (records.c.uuid == household) & records.c.deleted.is_(False))).scalar()
        if found is None:
            raise CunwuError("E_HOUSEHOLD_NOT_FOUND", ref=household[:40])
        return "", found
    raise CunwuError("E_CASE_SUBJECT")
