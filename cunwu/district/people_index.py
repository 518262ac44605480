"""The people and tags index (district_people, district_tags): what an import writes beside the
rows, in the same transaction, and how an older store is filled from the rows it holds.
"""

from __future__ import annotations

import msgspec
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
CHUNK = 500


def update(conn, village: str, entity: str, uuids: list[str]) -> None:
    """Bring the index in line with `records` for these rows of one village (after an import
    wrote them): rows deleted or unreadable leave the index. On the driver's own cursor, with
    the rows parsed by msgspec: through Core, building each row's parameters cost more than
    the rest of the import (a bundle of 5,000 persons took five times one of households)."""
    table, make = ENTITIES[entity], MAKE[entity]
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    columns = [c.name for c in table.columns]
    insert = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    cur = conn.connection.driver_connection.cursor()
    try:
        for start in range(0, len(uuids), CHUNK):
            chunk = uuids[start:start + CHUNK]
            among = f"uuid IN ({', '.join([mark] * len(chunk))})"
            cur.execute(f"DELETE FROM {table.name} WHERE village = {mark} AND {among}", [village, *chunk])
            cur.execute(f"SELECT uuid, row FROM records WHERE village = {mark} AND entity = {mark} "
                        f"AND NOT deleted AND {among}", [village, entity, *chunk])
            made = [make(village, uuid, row) for uuid, text in cur.fetchall() if (row := _parsed(text)) is not None]
            if made:
                cur.executemany(insert, [tuple(m[c] for c in columns) for m in made])
    finally:
        cur.close()


def _parsed(text) -> dict | None:
    try:
        value = msgspec.json.decode(text)
    except (msgspec.DecodeError, TypeError):
        return stored(text)  # what msgspec refuses, json may still read (a row stored before the checks)
    return value if isinstance(value, dict) else None


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
