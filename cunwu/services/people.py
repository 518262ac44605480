"""Reading people in pages: the roster list with filters (tag, 村民小组, status) and the
ranked full-text search, both cheap enough for a window that scrolls through 100,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

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
    order: str = ""  # a key of ORDERS; "" keeps the register's order (a search's, by rank)
    descending: bool = False


# What the list sorts by: a name by its pinyin (张 before 赵), the name itself telling apart
# names that sound alike; special groups by the first current one; a blank value goes last.
ORDERS = {"name": "f.pinyin || ' ' || p.name", "sex": "p.sex", "birth_date": "p.birth_date",
          "id_number": "p.id_number", "group_name": "h.group_name",
          "household_number": "h.number", "relation": "p.relation", "status": "p.status",
          "tags": "(SELECT min(t.tag) FROM person_tags t WHERE t.person_uuid = p.uuid "
                  "AND t.since <= :today AND (t.until IS NULL OR t.until >= :today))"}


class PersonRow(NamedTuple):
    """One row of the list. A tuple of plain values, which the garbage collector stops
    tracking, so 100,000 loaded rows never make a collection pause the window."""

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
    tags: tuple[str, ...] = ()

    def json(self) -> dict:
        return {"uuid": self.uuid, "name": self.name, "id_number": self.id_number,
                "sex": self.sex, "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "household_uuid": self.household_uuid, "tags": list(self.tags), "status": self.status}


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


_COLUMNS = ("SELECT s.id, p.uuid, p.name, p.id_number, p.sex, p.birth_date, p.household_uuid, "
            "coalesce(h.number, ''), coalesce(h.group_name, ''), p.relation, p.status, p.phone, "
            "(SELECT group_concat(t.tag, ',') FROM person_tags t WHERE t.person_uuid = p.uuid "
            " AND t.since <= :today AND (t.until IS NULL OR t.until >= :today)) ")
# CROSS JOIN keeps person_search as the outer loop, so a page walks the key index and stops
# after `limit` rows instead of joining every person first.
_FROM_KEYS = ("FROM {keys} CROSS JOIN persons p ON p.uuid = s.person_uuid "
              "LEFT JOIN households h ON h.uuid = p.household_uuid ")


def page(session, q: PersonQuery, *, after: int = 0, offset: int = 0, limit: int = PAGE,
         elderly_age: int = 80) -> list[PersonRow]:
    """One page. A plain list pages by key (`after`); a search or a sorted list by `offset`."""
    today = clock.today()
    params: dict = {"today": today.isoformat(), "limit": limit}
    where = _filters(q, params, elderly_age)
    order = ORDERS.get(q.order)
    if not (normalise_query(q.search) or order):
        params["after"] = after
        sql = (_COLUMNS + _FROM_KEYS.format(keys="person_search s") + "WHERE "
               + " AND ".join(["s.id > :after", *where]) + " ORDER BY s.id LIMIT :limit")
        return [_row(r, today, elderly_age) for r in session.execute(text(sql), params)]
    params["offset"] = offset
    if normalise_query(q.search):
        params["match"] = match_expression(q.search)
        if params["match"] is None:
            return []
        source = ("person_fts f JOIN person_search s ON s.id = f.rowid "
                  "CROSS JOIN persons p ON p.uuid = s.person_uuid ")
        conditions = ["person_fts MATCH :match", *where]
    else:
        # every row is read to sort them: the planner starts where it likes (a filter's index)
        source = ("persons p JOIN person_search s ON s.person_uuid = p.uuid "
                  + ("JOIN person_fts f ON f.rowid = s.id " if q.order == "name" else ""))
        conditions = where
    way = " DESC" if q.descending else ""
    if order is None and not where:
        # a search alone: FTS5 ranks and pages its hits by itself
        picked = ("SELECT s.id AS id, s.person_uuid AS person_uuid, hits.rank AS sort_key FROM "
                  "(SELECT rowid AS id, rank FROM person_fts WHERE person_fts MATCH :match "
                  " ORDER BY rank, rowid LIMIT :limit OFFSET :offset) hits "
                  "JOIN person_search s ON s.id = hits.id")
    else:
        # filters first, then the rank or the order asked for (a blank value last)
        sort_key = f"NULLIF({order}, '')" if order else "f.rank"
        picked = (f"SELECT s.id AS id, s.person_uuid AS person_uuid, {sort_key} AS sort_key "
                  f"FROM {source}LEFT JOIN households h ON h.uuid = p.household_uuid "
                  + ("WHERE " + " AND ".join(conditions) if conditions else "")
                  + f" ORDER BY sort_key IS NULL, sort_key{way}, s.id{way} "
                  "LIMIT :limit OFFSET :offset")
    # the columns are computed for the page only
    sql = (_COLUMNS + _FROM_KEYS.format(keys=f"({picked}) s")
           + f"ORDER BY s.sort_key IS NULL, s.sort_key{way}, s.id{way}")
    return [_row(r, today, elderly_age) for r in session.execute(text(sql), params)]


def by_offset(q: PersonQuery) -> bool:
    """Whether the pages of `q` follow one another by offset (a search or a sorted list)
    rather than by the register's key."""
    return bool(normalise_query(q.search) or q.order in ORDERS)


def read_page(store, q: PersonQuery, **kwargs) -> list[PersonRow]:
    """`page` in its own read session (what the window calls)."""
    with store.read() as s:
        return page(s, q, **kwargs)


def _row(r, today: dt.date, elderly_age: int) -> PersonRow:
    birth = r[5] if isinstance(r[5], dt.date) or r[5] is None else dt.date.fromisoformat(r[5])
    tags = sorted(set(r[12].split(","))) if r[12] else []
    age = age_on(birth, today)
    if age is not None and age >= elderly_age:
        tags.append(DERIVED_TAG)
    return PersonRow(r[0], r[1], r[2], r[3], r[4], birth, r[6], r[7], r[8], r[9], r[10],
                     r[11], tuple(tags))


def all_rows(store, q: PersonQuery) -> list[PersonRow]:
    """Every matching person (the command line and exports)."""
    from cunwu.services.monitoring import settings

    elderly = settings(store)["elderly_age"]
    out: list[PersonRow] = []
    with store.read() as s:
        while True:
            if by_offset(q):
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
