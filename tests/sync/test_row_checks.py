"""Rows from an enrolled (hostile) village: every op is checked against the district's schema
before anything is written; one bad row quarantines the whole bundle with the row, the field and
the reason; a decompression bomb costs a bounded amount of memory; no view fails on stored rows."""

from __future__ import annotations

import json
import tracemalloc
import uuid as _uuid

import pytest
import sqlalchemy as sa

from district_support import enrol_key, forge, household, op_lines, zeros_compressed
from sync_support import district_counts

VILLAGE = "330106001002"


@pytest.fixture
def key(district):
    return enrol_key(district, VILLAGE)


def _ledger_row(**changes) -> dict:
    row = {"uuid": str(_uuid.uuid4()), "row_version": 1, "person_uuid": str(_uuid.uuid4()),
           "household_uuid": None, "kind": "earn", "points": 5, "dated": "2026-11-01", "ranked": True,
           "rule_uuid": None, "activity_uuid": None, "participant_uuid": None, "redemption_uuid": None,
           "reverses_uuid": None, "reason": "", "entered_at": "2026-11-01T08:00:00+00:00",
           "entered_by": "admin"}
    return row | changes


def _one(entity: str, row: dict | str, version: int = 1, uuid: str | None = None) -> list[tuple]:
    uuid = uuid or (row["uuid"] if isinstance(row, dict) else str(_uuid.uuid4()))
    good = household(0)
    return [("households", good["uuid"], "upsert", 1, good), (entity, uuid, "upsert", version, row)]


BAD = {  # the attacks and their relatives: (ops, field named in the reason)
    "points as the text NaN": (_one("points_ledger", _ledger_row(points="NaN")), "points"),
    "points as a float": (_one("points_ledger", _ledger_row(points=1.5)), "points"),
    "a bare NaN literal": (_one("points_ledger", json.dumps(_ledger_row()).replace('"points": 5', '"points": NaN')
                                .replace(", ", ",").replace(": ", ":")), "row"),
    "points beyond 32 bits": (_one("points_ledger", _ledger_row(points=2**40)), "points"),
    "a date that is no date": (_one("points_ledger", _ledger_row(dated="2026-02-30")), "dated"),
    "a time that is no time": (_one("points_ledger", _ledger_row(entered_at="yesterday")), "entered_at"),
    "a boolean as a number": (_one("points_ledger", _ledger_row(ranked=1)), "ranked"),
    "a UUID that is not one": (_one("points_ledger", _ledger_row(person_uuid="../../etc")), "person_uuid"),
    "a missing required value": (_one("points_ledger", _ledger_row(kind=None)), "kind"),
    "an unknown column": (_one("points_ledger", _ledger_row(admin=True)), "admin"),
    "text over its length": (_one("village", {"uuid": str(_uuid.uuid4()), "code": "3" * 13}), "code"),
    "entity ../../etc": (_one("../../etc", {"uuid": str(_uuid.uuid4())}), "entity"),
    "row_version 2**62": (_one("households", household(1), version=2**62), "row_version"),
    "a row whose uuid is another's": (_one("households", household(2), uuid=str(_uuid.uuid4())), "uuid"),
    "an op uuid that is no UUID": (_one("households", household(3, uuid="x" * 36)), "uuid"),
    "a NUL in text": (_one("points_ledger", _ledger_row(reason="甲\x00乙")), "reason"),
    "half a surrogate pair": (_one("points_ledger", json.dumps(r := _ledger_row(reason="甲乙"), ensure_ascii=False)
                                   .replace("甲乙", "\\ud800").replace(", ", ",").replace(": ", ":"),
                                   uuid=r["uuid"]), "reason"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_row_quarantines_the_whole_bundle(district, key, case):
    from cunwu.district import importer, report
    from cunwu.district.quarantine import listing
    from cunwu.errors import CunwuError

    ops, field = BAD[case]
    data = forge(district, *key, VILLAGE, op_lines(ops))
    before = district_counts(district)
    with pytest.raises(CunwuError) as e:
        importer.import_bytes(district, data)
    assert e.value.code == "E_BUNDLE_QUARANTINED"
    after = district_counts(district)
    assert after["records"] == before["records"] == 0 and after["bundles"] == 0  # nothing applied
    [held] = listing(district)
    assert held["code"] == "E_BUNDLE_ROW" and held["status"] == "held"
    assert held["reason"].startswith("op 1 (") and f"field {field}:" in held["reason"], held["reason"]
    report.report(district)  # the views still answer
    report.status(district)


def test_rows_cannot_swallow_each_other(district, key):
    """A string or bracket left open in one row cannot run into the next one."""
    from cunwu.district import importer
    from cunwu.errors import CunwuError

    u1, u2, u3 = (str(_uuid.uuid4()) for _ in range(3))
    ops = [("households", u1, "upsert", 1, '{"a":[{}'), ("households", u2, "upsert", 1, '{"b":1}]}'),
           ("households", u3, "upsert", 1, '{"x":1},{"y":2}')]
    with pytest.raises(CunwuError) as e:
        importer.import_bytes(district, forge(district, *key, VILLAGE, op_lines(ops)))
    assert e.value.code == "E_BUNDLE_QUARANTINED" and "not valid JSON" in e.value.params["reason"]
    assert district_counts(district)["records"] == 0


def test_good_rows_of_every_kind_pass(district, key):
    from cunwu.district import importer

    gone = household(9)
    ops = [("households", household(i)["uuid"], "upsert", 1, household(i)) for i in range(3)]
    ops = [(e, r["uuid"], op, v, r) for e, _u, op, v, r in ops]
    ops += [("points_ledger", (r := _ledger_row())["uuid"], "upsert", 1, r),
            ("households", gone["uuid"], "upsert", 1, gone), ("households", gone["uuid"], "delete", 2, None)]
    out = importer.import_bytes(district, forge(district, *key, VILLAGE, op_lines(ops)))
    assert out.status == "applied" and district_counts(district)["records"] == 5


def test_every_synced_column_has_a_check():
    """A new column type in a village table must get a district check, not slip through."""
    from cunwu.district import rows

    rows.schema.cache_clear()
    known = rows.schema()
    from cunwu.store.models import synced_models

    assert set(known) == {m.__tablename__ for m in synced_models()}
    for m in synced_models():
        assert set(known[m.__tablename__]) == {c.name for c in m.__table__.columns}


def test_a_decompression_bomb_from_an_enrolled_key_costs_little_memory(district, key):
    from cunwu.district import importer
    from cunwu.errors import CunwuError

    data = forge(district, *key, VILLAGE, op_lines(_one("households", household(1))),
                 compressed=zeros_compressed(256 * 1024 * 1024))
    assert len(data) < 400 * 1024  # tiny, 256 MB unpacked
    tracemalloc.start()
    try:
        with pytest.raises(CunwuError) as e:
            importer.import_bytes(district, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert e.value.code == "E_BUNDLE_PAYLOAD" and "unpacked" in e.value.params["detail"]
    assert peak < 64 * 1024 * 1024, peak
    assert district_counts(district)["records"] == 0


def test_no_view_fails_on_rows_stored_before_the_checks(district, key):
    """Rows the district took in before it checked them stay readable to every view."""
    from cunwu.district import report
    from cunwu.district.notices import verify_code
    from cunwu.district.schema import records

    bad = [("points_ledger", '{"points":"NaN","kind":"redeem"}'), ("points_ledger", '{"points":1e400}'),
           ("persons", "[1,2]"), ("disclosures", "{not json"), ("disclosures", '{"uuid":7}'),
           ("disclosures", '{"uuid":"%s","title":["x"],"period_to":99}' % _uuid.uuid4()),
           ("person_tags", '{"since":{},"until":"2026-99-99","tag":null}')]
    with district.engine.begin() as conn:
        conn.execute(sa.insert(records), [
            {"village": VILLAGE, "entity": e, "uuid": str(_uuid.uuid4()), "row_version": 2**62,
             "deleted": False, "log_seq": 1, "row": row} for e, row in bad])
    got = report.report(district)
    assert got["villages"][VILLAGE]["entities"]["points_ledger"] == 2
    assert report.status(district)[0]["village"] == VILLAGE
    assert verify_code(district, "7K2M-9QXD-4HBR")["ok"] is False


def test_a_row_with_bad_utf8_is_quarantined_and_a_broken_op_refused(district, key):
    """Bad bytes inside a row are the row's fault (quarantined, naming the row); an upsert whose
    row is no object, a delete that carries a row, or a head of the wrong type break the bundle."""
    from cunwu.district import importer
    from cunwu.errors import CunwuError

    good = op_lines([("households", (h := household(0))["uuid"], "upsert", 1, h)])[0]
    row = _ledger_row(reason="甲乙")
    [line] = op_lines([("points_ledger", row["uuid"], "upsert", 1, row)], first=2)
    with pytest.raises(CunwuError) as e:
        importer.import_bytes(district, forge(district, *key, VILLAGE, [good, line.replace("甲".encode(), b"\xff\xfe")]))
    assert e.value.code == "E_BUNDLE_QUARANTINED" and "field row: not valid JSON" in e.value.params["reason"]
    broken = [op_lines([("households", h["uuid"], "upsert", 1, "[1,2]")], first=2)[0],
              op_lines([("households", h["uuid"], "delete", 2, h)], first=2)[0],
              good.replace(b'"log_seq":1', b'"log_seq":"2"')]
    for n, line in enumerate(broken):
        with pytest.raises(CunwuError) as e:
            importer.import_bytes(district, forge(district, *key, VILLAGE, [good, line], seq=2 + n))
        assert e.value.code == "E_BUNDLE_PAYLOAD", line
    assert district_counts(district)["records"] == 0


EDGES = [2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**40, 10**15, 10**16, -(10**16), 1e15, 1.0000001e15,
         -1e16, 0.5, 0, 1, True, False, None, "", "NaN", [], {}, "3" * 13, "x" * 300, "2026-11-01",
         "2026-02-30", "2026-W01-1", "20261101", "2026-11-01T08:00:00+00:00", "2026-11-01 08:00:00",
         "2026-11-01T08:00:00.1234567Z", "2026-11-01T08:00", "2026-11-01T08:00:00+00:00" + "0" * 20,
         "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "1B4E28BA-2FA1-11D2-883F-0016D3CCA427",
         "1b4e28ba2fa111d2883f0016d3cca427", "1b4e28ba-2fa1-11d2-883f-0016d3cca42\n", "../../etc"]


def _values():
    """Anything a column might be given, the edges of every check most often."""
    from hypothesis import strategies as st

    anything = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
                         st.lists(st.integers(), max_size=2))
    return st.sampled_from(EDGES) | st.sampled_from(EDGES) | st.sampled_from(EDGES) | anything


def _upsert(entity: str, row: dict, seq: int = 1):
    import msgspec

    from cunwu.store.canonical import canonical_json
    from cunwu.sync import bundle

    return bundle.Upsert(entity, seq, 1, row["uuid"], msgspec.Raw(canonical_json(row)))


def _text_of(changes: list) -> bytes:
    return b"\n".join(bytes(op.row) for op in changes)


def _lenient(changes: list) -> bool:
    """True when the quick path passes what the row-by-row path refuses."""
    from cunwu.district import rows

    if not rows._all_fine(changes, _text_of(changes)):
        return False
    try:
        rows._first_bad(changes, rows._parse_rows(changes))
    except rows.RowError:
        return True
    return False


def test_the_quick_check_is_no_more_lenient_at_any_column_edge():
    """Every column of every table given each edge value, left out, or joined by one too many."""
    from cunwu.district import rows

    plain = {rows._integer: 1, rows._float: 1.5, rows._boolean: True, rows._date: "2026-11-01",
             rows._datetime: "2026-11-01T08:00:00+00:00"}
    lenient = []
    for entity, columns in rows.schema().items():
        base = {name: str(_uuid.uuid4()) if rows._holds_uuids(check)
                else plain.get(check, "x") for name, (check, _) in columns.items()}
        good = [_upsert(entity, base)]
        assert not _lenient(good) and rows._all_fine(good, _text_of(good)), entity
        for name in columns:
            tries = [base | {name: v} for v in EDGES] + [{k: v for k, v in base.items() if k != name},
                                                         base | {"extra": 1}]
            lenient += [(entity, name, row.get(name)) for row in tries if name != "uuid" and _lenient([_upsert(entity, row)])]
    assert lenient == []


def test_the_quick_check_is_never_more_lenient_than_the_row_by_row_one():
    """Whatever rows a village sends, when the typed quick path passes them the row-by-row
    path (which names the reason) finds nothing either: the quick path only saves time."""
    import msgspec
    from hypothesis import given, settings, strategies as st

    from cunwu.district import rows
    from cunwu.store.canonical import canonical_json
    from cunwu.sync import bundle

    schema = rows.schema()
    fitting = {rows._integer: st.integers(-(2**31), 2**31 - 1), rows._boolean: st.booleans(),
               rows._float: st.floats(-1e15, 1e15), rows._date: st.dates().map(str),
               rows._datetime: st.datetimes().map(lambda d: d.isoformat())}

    def fits(check):  # a value the column takes (the row-by-row check decides in the end)
        if check in rows._text_spec:
            limit, uuid = rows._text_spec[check]
            return st.uuids().map(str) if uuid else st.text(max_size=min(limit, 30))
        return fitting[check]

    @st.composite
    def changes(draw):
        """Rows that fit but for one column at most: given anything, left out, or one too many
        (or none: then the quick path has rows it passes often enough to be held to them)."""
        out = []
        for i in range(draw(st.integers(1, 2))):
            entity = draw(st.sampled_from(sorted(schema)))
            uuid = str(_uuid.uuid4())
            row = {name: draw(st.none() | fits(check) if nullable else fits(check))
                   for name, (check, nullable) in schema[entity].items()}
            target = draw(st.sampled_from(sorted(row)))
            change = draw(st.sampled_from(["as is", "value", "value", "value", "leave out", "extra"]))
            if change == "as is":
                pass
            elif change == "value":
                row[target] = draw(_values())
            elif change == "leave out":
                del row[target]
            else:
                row["extra"] = 1
            row["uuid"] = uuid
            out.append(bundle.Upsert(entity, i + 1, 1, uuid, msgspec.Raw(canonical_json(row))))
        return out

    passed = []

    @settings(max_examples=500, deadline=None)
    @given(changes())
    def check(ops):
        if rows._all_fine(ops, _text_of(ops)):
            passed.append(ops)
            rows._first_bad(ops, rows._parse_rows(ops))  # raises RowError if the quick path was lenient

    check()
    assert len(passed) > 100  # the quick path was tried on rows it passes (about 200 of 500), not only refused


def test_the_column_wise_uuid_check_agrees_with_the_pattern():
    from hypothesis import given, settings, strategies as st

    from cunwu.district import rows

    one = st.uuids().map(str)
    mangled = st.tuples(one, st.integers(0, 36), st.sampled_from(["", "\n", "-", "g", "A", "٣", "0", "\n0"]),
                        st.integers(0, 2)).map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1] + t[3]:])

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(one | mangled, max_size=4))
    def check(values):
        assert rows._uuids(values) == all(rows._UUID(v) for v in values), values

    check()


@pytest.mark.parametrize("store", ["district", "pg_district"])
def test_a_village_cannot_break_the_quarantine_with_characters_it_cannot_store(store, request):
    """A NUL or half a surrogate pair in a uuid, a column name or a value: quarantined (not an
    internal error), the reason shows them as escapes; PostgreSQL refuses a NUL in text."""
    from cunwu.district import importer
    from cunwu.district.quarantine import listing
    from cunwu.errors import CunwuError

    d = request.getfixturevalue(store)
    key = enrol_key(d, VILLAGE)
    bad_uuid = household(1)["uuid"][:20] + "\x00" + household(1)["uuid"][21:]
    cases = [_one("households", household(1, uuid=bad_uuid)),
             _one("points_ledger", _ledger_row() | {"a\x00b": 1}),
             _one("points_ledger", _ledger_row(reason="\x00"))]
    for seq, ops in enumerate(cases, start=1):
        with pytest.raises(CunwuError) as e:
            importer.import_bytes(d, forge(d, *key, VILLAGE, op_lines(ops), seq=seq))
        assert e.value.code == "E_BUNDLE_QUARANTINED", e.value
    reasons = [q["reason"] for q in listing(d)]
    assert len(reasons) == 3 and all("\x00" not in r for r in reasons)
    assert any("\\u0000" in r for r in reasons), reasons
