"""The fast ways to canonical JSON give exactly what the definition gives (SYNC.md): the
whole-text NFC check, the row encoder used by bulk imports and the log-entry builder."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import unicodedata
import uuid as _uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from cunwu.store.canonical import RowEncoder, canonical_text, jsonable, log_entry_text
from cunwu.store.tables import new_uuids


def reference(value) -> str:
    """The definition, literally: every string NFC, keys sorted, compact."""
    def nfc(v):
        if isinstance(v, str):
            return unicodedata.normalize("NFC", v)
        if isinstance(v, dict):
            return {nfc(k): nfc(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [nfc(x) for x in v]
        return jsonable(v)
    return json.dumps(nfc(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


# strings rich in what canonical JSON must get right: combining marks that compose with a
# neighbour (e + U+0301), marks that must be reordered, quotes, backslashes, control characters
text = st.text(alphabet=st.sampled_from(
    list("e\u0301\u0323\u0307aAé张伟·\"\\\n\t\x00\x1f\u2028 ,:{}[]") + ["\u1100", "\u1161"]),
    max_size=12)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), text,
                   st.floats(allow_nan=False, allow_infinity=False),
                   st.dates(), st.datetimes(), st.decimals(allow_nan=False, allow_infinity=False))


@given(st.dictionaries(text, st.one_of(scalar, st.lists(scalar, max_size=3)), max_size=6))
@settings(max_examples=400)
def test_canonical_text_equals_the_definition(value):
    assert canonical_text(value) == reference(value)


@given(st.fixed_dictionaries({"uuid": text, "name": text, "born": st.one_of(st.none(), st.dates()),
                              "at": st.datetimes(timezones=st.just(dt.timezone.utc)),
                              "n": st.integers(), "flag": st.booleans(),
                              "amount": st.decimals(places=2, allow_nan=False, allow_infinity=False),
                              "ratio": st.floats(allow_nan=False, allow_infinity=False)}))
@settings(max_examples=400)
def test_row_encoder_equals_the_definition(row):
    encode = RowEncoder(list(row))
    assert encode(row) == reference(row)
    assert encode(dict(row)) == reference(row)  # its memo of dates gives the same again


@given(st.integers(1, 2**40), text, text, st.sampled_from(["upsert", "delete"]),
       st.integers(1, 10**6), st.one_of(st.none(), st.dictionaries(text, scalar, max_size=3)))
@settings(max_examples=300)
def test_log_entry_text_equals_the_definition(seq, entity, uuid, op, version, row):
    entry = {"log_seq": seq, "entity": entity, "uuid": uuid, "op": op, "row_version": version,
             "row": row}
    assert log_entry_text(seq, entity, uuid, op, version, canonical_text(row)) == reference(entry)


def test_bulk_uuids_are_version_4_and_distinct():
    made = new_uuids(20_000)
    assert len(set(made)) == len(made)
    for value in made[:2000]:
        parsed = _uuid.UUID(value)
        assert str(parsed) == value and parsed.version == 4 and parsed.variant == _uuid.RFC_4122


def test_decimal_and_dates_travel_as_strings():
    row = {"a": decimal.Decimal("12.50"), "b": dt.date(1990, 1, 1),
           "c": dt.datetime(2026, 1, 2, 3, 4, 5, 6)}
    assert RowEncoder(row)(row) == '{"a":"12.50","b":"1990-01-01","c":"2026-01-02T03:04:05.000006"}'
