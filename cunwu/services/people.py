"""Reading people in pages: the roster list with filters (tag, 村民小组, status) and the
ranked full-text search, both cheap enough for a window that scrolls through 100,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import text

from cunwu import clock
from cunwu.domain.monitoring import DERIVED_TAG
from cunwu.domain.residents import age_on
from cunwu.services.search import match_expression, normalise_query

PAGE = 200


@dataclass
class PersonQuery:
    """What the clerk asked for; empty fields mean "any"."""

    search: str = ""
    tag: str = ""
    group: str = ""
    status: str = ""


@dataclass
class PersonRow:
    key: int  # position in the index: the list pages on it
    uuid: str
    name: str
    id_number: str | None
    sex: str
    birth_date: dt.date | None
    household_uuid: str | None
    household_number: str
    group_name: str
    relation: str
    status: str
    phone: str
    tags: list[str] = field(default_factory=list)

    def json(self) -> dict:
        return {"uuid": self.uuid, "name": self.name, "id_number": self.id_number,
                "sex": self.sex, "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "household_uuid": self.household_uuid, "tags": self.tags, "status": self.status}


_SELECT = ("SELECT s.id, p.uuid, p.name, p.id_number, p.sex, p.birth_date, p.household_uuid, "
           "coalesce(h.number, ''), coalesce(h.group_name, ''), p.relation, p.status, p.phone, "
           "(SELECT group_concat(t.tag, ',') FROM person_tags t WHERE t.person_uuid = p.uuid "
           " AND t.since <= :today AND (t.until IS NULL OR t.until >= :today)) "
           "FROM person_search s JOIN persons p ON p.uuid = s.person_uuid "
           "LEFT JOIN households h ON h.uuid = p.household_uuid ")


def _filters(q: PersonQuery, params: dict, elderly_age: int) -> list[str]:
    where = []
    if q.status:
        where.append("p.status = :status")
        params["status"] = q.status
    if q.group:
        where.append("h.group_name = :group")
        params["group"] = q.group
    if q.tag == DERIVED_TAG:
        where.append("p.birth_date <= :elderly_born")
        params["elderly_born"] = _years_before(clock.today(), elderly_age).isoformat()
    elif q.tag:
        where.append("EXISTS (SELECT 1 FROM person_tags t WHERE t.person_uuid = p.uuid "
                     "AND t.tag = :tag AND t.since <= :today "
                     "AND (t.until IS NULL OR t.until >= :today))")
        params["tag"] = q.tag
    return where


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def page(session, q: PersonQuery, *, after: int = 0, offset: int = 0, limit: int = PAGE,
         elderly_age: int = 80) -> list[PersonRow]:
    """One page. A plain list pages by key (`after`), a search by rank (`offset`)."""
    today = clock.today()
    params: dict = {"today": today.isoformat(), "limit": limit}
    where = _filters(q, params, elderly_age)
    if normalise_query(q.search):
        expression = match_expression(q.search)
        if expression is None:
            return []
        params.update(match=expression, q=normalise_query(q.search), offset=offset)
        sql = ("WITH hits AS (SELECT rowid AS id, rank FROM person_fts WHERE person_fts MATCH :match) "
               + _SELECT.replace("FROM person_search s", "FROM hits JOIN person_search s ON s.id = hits.id")
               + ("WHERE " + " AND ".join(where) + " " if where else "")
               + "ORDER BY (p.name = :q) DESC, (p.name LIKE :q || '%') DESC, hits.rank, s.id "
                 "LIMIT :limit OFFSET :offset")
    else:
        params["after"] = after
        sql = (_SELECT + "WHERE " + " AND ".join(["s.id > :after", *where])
               + " ORDER BY s.id LIMIT :limit")
    rows = session.execute(text(sql), params).all()
    return [_row(r, today, elderly_age) for r in rows]


def _row(r, today: dt.date, elderly_age: int) -> PersonRow:
    birth = r[5] if isinstance(r[5], dt.date) or r[5] is None else dt.date.fromisoformat(r[5])
    tags = sorted(set(r[12].split(","))) if r[12] else []
    age = age_on(birth, today)
    if age is not None and age >= elderly_age:
        tags.append(DERIVED_TAG)
    return PersonRow(r[0], r[1], r[2], r[3], r[4], birth, r[6], r[7], r[8], r[9], r[10],
                     r[11], tags)


def all_rows(store, q: PersonQuery) -> list[PersonRow]:
    """Every matching person (the command line and exports)."""
    from cunwu.services.monitoring import settings

    elderly = settings(store)["elderly_age"]
    out: list[PersonRow] = []
    with store.read() as s:
        while True:
            if normalise_query(q.search):
                chunk = page(s, q, offset=len(out), limit=2000, elderly_age=elderly)
            else:
                chunk = page(s, q, after=out[-1].key if out else 0, limit=2000,
                             elderly_age=elderly)
            out.extend(chunk)
            if len(chunk) < 2000:
                return out


def groups(store) -> list[str]:
    with store.read() as s:
        return [r[0] for r in s.execute(text(
            "SELECT DISTINCT group_name FROM households WHERE group_name != '' ORDER BY 1"))]
