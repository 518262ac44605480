"""Person lookups (人员查询) and the cross-village checks (跨村核查) over the people index: ID
numbers masked unless the account may see them in full; every lookup and check is audited.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from cunwu import clock
from cunwu.district import audit
from cunwu.district.accounts import DistrictUser
from cunwu.district.schema import people, tags, villages
from cunwu.district.store import District
from cunwu.domain.idnumbers import mask
from cunwu.domain.monitoring import BENEFIT_TAGS
from cunwu.domain.relief import GONE
from cunwu.errors import CunwuError

# Benefits one person may draw in one village only (the 低保, 特困, 两项补贴)
ONE_VILLAGE_BENEFITS = ("低保", "特困供养", "残疾")
MAX_ROWS = 500


def _shown(user: DistrictUser, id_number: str | None) -> str:
    if not id_number:
        return ""
    return id_number if user.may("full_id") else mask(id_number)


def _names(conn) -> dict[str, str]:
    return dict(conn.execute(sa.select(villages.c.code, villages.c.name)).all())


def _live_tag(day: dt.date):
    iso = day.isoformat()
    return (tags.c.since <= iso) & (tags.c.until.is_(None) | (tags.c.until >= iso))


def lookup(d: District, user: DistrictUser, id_number: str = "", name: str = "",
           village: str = "") -> list[dict]:
    """People by full ID number, or by name within a village; each with the tags they hold
    today. Needs `lookup`; an audit entry names who looked for what and how many were found."""
    user.require("lookup")
    id_number, name, village = id_number.strip().upper(), name.strip(), village.strip()
    if id_number:
        where = people.c.id_number == id_number
    elif name and village:
        where = (people.c.name == name) & (people.c.village == village)
    else:
        raise CunwuError("E_DISTRICT_LOOKUP")
    today = clock.today()
    with d.reader.connect() as conn:
        names = _names(conn)
        found = conn.execute(sa.select(people).where(where).order_by(people.c.village)
                             .limit(MAX_ROWS)).mappings().all()
        held: dict[tuple, list[str]] = {}
        for v, p, tag in conn.execute(sa.select(tags.c.village, tags.c.person_uuid, tags.c.tag).where(
                sa.tuple_(tags.c.village, tags.c.person_uuid).in_([(r["village"], r["uuid"]) for r in found])
                & _live_tag(today))) if found else ():
            held.setdefault((v, p), []).append(tag)
    rows = [{"village": r["village"], "village_name": names.get(r["village"], ""), "name": r["name"],
             "id_number": _shown(user, r["id_number"]), "status": r["status"],
             "birth_date": r["birth_date"] or "", "tags": sorted(held.get((r["village"], r["uuid"]), []))}
            for r in found]
    target = id_number or f"{village} {name}"
    audit.record(d, user.name, "people.lookup", target,
                 {"found": len(rows), "full_id": user.may("full_id")})
    return rows


def cross_check(d: District, user: DistrictUser, day: dt.date | None = None) -> dict:
    """{"same_id": the same ID number live in two villages, "benefit_twice": the same person
    holding 低保, 特困 or 两项补贴 in two villages, "gone_with_benefit": dead or moved-out
    people still holding a benefit}. Needs `lookup`; audited."""
    user.require("lookup")
    day = day or clock.today()
    live = people.c.status.notin_(GONE)
    with d.reader.connect() as conn:
        names = _names(conn)
        twice = sa.select(people.c.id_number).where(live & people.c.id_number.is_not(None)) \
            .group_by(people.c.id_number).having(sa.func.count(sa.distinct(people.c.village)) > 1) \
            .limit(MAX_ROWS).subquery()
        same_id = conn.execute(sa.select(people.c.id_number, people.c.village, people.c.name, people.c.status)
                               .where(live & people.c.id_number.in_(sa.select(twice.c.id_number)))
                               .order_by(people.c.id_number, people.c.village)).all()
        holders = sa.select(people.c.id_number, people.c.village, people.c.name, tags.c.tag).join(
            tags, (tags.c.village == people.c.village) & (tags.c.person_uuid == people.c.uuid)).where(
            live & people.c.id_number.is_not(None) & tags.c.tag.in_(ONE_VILLAGE_BENEFITS) & _live_tag(day))
        h = holders.subquery()
        doubled = sa.select(h.c.id_number, h.c.tag).group_by(h.c.id_number, h.c.tag) \
            .having(sa.func.count(sa.distinct(h.c.village)) > 1).limit(MAX_ROWS).subquery()
        benefit_twice = conn.execute(sa.select(h.c.id_number, h.c.village, h.c.name, h.c.tag).join(
            doubled, (doubled.c.id_number == h.c.id_number) & (doubled.c.tag == h.c.tag))
            .order_by(h.c.id_number, h.c.tag, h.c.village)).all()
        gone = conn.execute(sa.select(people.c.id_number, people.c.village, people.c.name, people.c.status,
                                      tags.c.tag).join(
            tags, (tags.c.village == people.c.village) & (tags.c.person_uuid == people.c.uuid)).where(
            people.c.status.in_(GONE) & tags.c.tag.in_(sorted(BENEFIT_TAGS)) & _live_tag(day))
            .order_by(people.c.village, people.c.name).limit(MAX_ROWS)).all()

    def grouped(rows, extra) -> list[dict]:
        out: dict[tuple, dict] = {}
        for r in rows:
            key = (r.id_number, *[getattr(r, k) for k in extra])
            g = out.setdefault(key, {"id_number": _shown(user, r.id_number), "villages": [],
                                     **{k: getattr(r, k) for k in extra}})
            g["villages"].append({"code": r.village, "name": names.get(r.village, ""), "person": r.name,
                                  **({"status": r.status} if "status" in r._fields else {})})
        return list(out.values())

    result = {"date": day.isoformat(), "same_id": grouped(same_id, ()),
              "benefit_twice": grouped(benefit_twice, ("tag",)),
              "gone_with_benefit": [{"id_number": _shown(user, r.id_number), "village": r.village,
                                     "village_name": names.get(r.village, ""), "name": r.name,
                                     "status": r.status, "tag": r.tag} for r in gone]}
    audit.record(d, user.name, "people.cross_check", day.isoformat(),
                 {k: len(result[k]) for k in ("same_id", "benefit_twice", "gone_with_benefit")})
    return result
