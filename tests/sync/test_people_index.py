"""The people and tags index moves with the rows an import writes: after any sequence of
bundles it holds exactly what rebuilding it from the stored rows gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from district_support import chain_after, enrol_key, forge, op_lines, person, tag

VILLAGE = "330106001001"


def _index(d) -> dict:
    from cunwu.district.schema import people, tags

    with d.engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(sa.select(t))) for t in (people, tags)}


@pytest.mark.parametrize("store", ["district", "pg_district"])
def test_the_index_is_what_a_rebuild_gives(store, request):
    from cunwu.district import importer, people_index

    d = request.getfixturevalue(store)
    key = enrol_key(d, VILLAGE)
    n = people_index.CHUNK + 120  # more than one chunk
    persons = [person(f"张{i}", f"33010619500101{i:04d}"[:18]) for i in range(n)]
    tags = [tag(p, "低保") for p in persons[:300]]
    first = [("persons", p["uuid"], "upsert", 1, p) for p in persons] + \
            [("person_tags", t["uuid"], "upsert", 1, t) for t in tags]
    importer.import_bytes(d, forge(d, *key, VILLAGE, op_lines(first)))
    held = _index(d)
    assert len(held["district_people"]) == n and len(held["district_tags"]) == 300
    renamed = persons[0] | {"name": "张改名", "row_version": 2}
    second = [("persons", renamed["uuid"], "upsert", 2, renamed),
              ("persons", persons[1]["uuid"], "delete", 2, None),
              ("person_tags", tags[2]["uuid"], "delete", 2, None),
              ("persons", persons[3]["uuid"], "upsert", 1, persons[3] | {"name": "旧的不算"})]  # not newer
    lines = op_lines(second, first=len(first) + 1)
    importer.import_bytes(d, forge(d, *key, VILLAGE, lines, seq=2, log_from=len(first) + 1,
                                   chain_base=chain_after(op_lines(first))))
    held = _index(d)
    names = {row[1]: row[3] for row in held["district_people"]}
    assert names[persons[0]["uuid"]] == "张改名" and persons[1]["uuid"] not in names
    assert names[persons[3]["uuid"]] == "张3" and len(held["district_tags"]) == 299
    with d.engine.begin() as conn:
        people_index.rebuild(conn)
    assert _index(d) == held
