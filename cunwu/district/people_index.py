"""The people and tags index (district_people, district_tags): what an import writes beside the
rows, in the same transaction, and how an older store is filled from the rows it holds.
"""

from __future__ import annotations

import sqlalchemy as sa

from cunwu.district.rows import stored
from cunwu.district.schema import people, records, tags

ENTITIES = {"persons": people, "person_tags": tags}


def _text(value, size: int | None = None) -> str | None:
    if value is None or value == "":
        return None
    return str(value)[:size] if size else str(value)


def _person(village: str, uuid: str, row: dict) -> dict:
    return {"village": village, "uuid": uuid, "id_number": _text(row.get("id_number"), 18),
            "name": str(row.get("name") or ""), "status": str(row.get("status") or ""),
            "household_uuid": _text(row.get("household_uuid"), 36),
            "birth_date": _text(row.get("birth_date"), 10)}


def _tag(village: str, uuid: str, row: dict) -> dict:
    return {"village": village, "uuid": uuid, "person_uuid": str(row.get("person_uuid") or ""),
            "tag": str(row.get("tag") or ""), "since": _text(row.get("since"), 10),
            "until": _text(row.get("until"), 10)}


MAKE = {"persons": _person, "person_tags": _tag}


def update(conn, village: str, entity: str, uuids: list[str]) -> None:
    """Bring the index in line with `records` for these rows of one village (after an import
    wrote them): rows deleted or unreadable leave the index."""
    table = ENTITIES[entity]
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        conn.execute(table.delete().where((table.c.village == village) & table.c.uuid.in_(chunk)))
        found = conn.execute(sa.select(records.c.uuid, records.c.row).where(
            (records.c.village == village) & (records.c.entity == entity)
            & (records.c.deleted == sa.false()) & records.c.uuid.in_(chunk)))
        values = [MAKE[entity](village, uuid, row) for uuid, text in found
                  if (row := stored(text)) is not None]
        if values:
            conn.execute(table.insert(), values)


def rebuild(conn) -> None:
    """Fill the index from every row held (the migration that adds it)."""
    for entity, table in ENTITIES.items():
        conn.execute(table.delete())
        batch = []
        held = conn.execute(sa.select(records.c.village, records.c.uuid, records.c.row).where(
            (records.c.entity == entity) & (records.c.deleted == sa.false()))).all()
        for village, uuid, text in held:
            if (row := stored(text)) is not None:
                batch.append(MAKE[entity](village, uuid, row))
            if len(batch) >= 5000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
