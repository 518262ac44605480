"""The district's schema for the rows villages send, read from the village's own table models
(so a new column cannot be forgotten), and the check every op passes before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import json.scanner
import math
import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Annotated, Callable, Union

import msgspec

from cunwu.errors import CunwuError
from cunwu.i18n import N_

# Bounds. SQL INTEGER is 32 bits on PostgreSQL: a number beyond it would break the store or
# a report later, so it is refused at the door.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
MAX_TEXT = 1_000_000  # characters, for a text column without a declared length
MAX_FLOAT = 1e15
# What is wrong with a value, in English (a quarantine's reason shows it in the reader's language);
# the two with a value in them are matched back to their text to be translated.
LONGER = N_("longer than {limit} characters")
BAD_JSON = N_("not valid JSON ({error})")
UNSTORABLE = N_("holds a character that cannot be stored")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch


@dataclass
class RowError(Exception):
    """The first bad op of a bundle: which one, which field, and why."""

    index: int
    entity: str
    uuid: str
    field: str
    reason: str

    def __str__(self) -> str:
        return (f"op {self.index} ({self.entity[:40]} {self.uuid[:40]}), field {self.field[:40]}: "
                f"{self.reason}")


# A check returns None when the value is fine, else the reason it is not.
Check = Callable[[object], "str | None"]


_text_spec: dict = {}  # each text check -> (limit, holds UUIDs), for the column-wise pass


def _text(limit: int, uuid: bool) -> Check:
    def check(v):
        if type(v) is not str:
            return N_("not text")
        if len(v) > limit:
            return LONGER.format(limit=limit)
        if uuid and not _UUID(v):
            return N_("not a UUID")
        if "\x00" in v or not _encodes(v):  # PostgreSQL stores neither a NUL nor half a surrogate pair
            return UNSTORABLE
        return None
    _text_spec[check] = (limit, uuid)
    return check


def _encodes(v: str) -> bool:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str) -> str:
    """Text from a village made safe to keep in a reason: control characters and half surrogate
    pairs written as escapes (PostgreSQL refuses a NUL in text)."""
    return "".join(f"\\u{ord(c):04x}" if c < " " or "\ud800" <= c <= "\udfff" else c for c in text)


def _integer(v):
    if type(v) is not int:
        return N_("not a whole number")
    return None if INT_MIN <= v <= INT_MAX else N_("out of range")


def _float(v):
    if type(v) is int:
        v = float(v) if INT_MIN <= v <= INT_MAX else math.inf
    if type(v) is not float:
        return N_("not a number")
    return None if math.isfinite(v) and abs(v) <= MAX_FLOAT else N_("not finite or out of range")


def _boolean(v):
    return None if type(v) is bool else N_("not true or false")


def _date(v):
    if type(v) is not str or len(v) != 10:
        return N_("not a date")
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return N_("not a date")
    return None


def _datetime(v):
    if type(v) is not str or len(v) > 40:
        return N_("not a date and time")
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        return N_("not a date and time")
    return None


def _check_for(column) -> Check:
    name = type(column.type).__name__
    if name in ("AutoString", "String", "Text", "Unicode", "UnicodeText"):
        uuid = column.name == "uuid" or column.name.endswith("_uuid")
        return _text(getattr(column.type, "length", None) or MAX_TEXT, uuid)
    if name in ("Integer", "BigInteger", "SmallInteger"):
        return _integer
    if name in ("Float", "Double"):
        return _float
    if name == "Boolean":
        return _boolean
    if name == "Date":
        return _date
    if name in ("DateTime", "UTCDateTime"):
        return _datetime
    raise TypeError(f"{column.table.name}.{column.name}: no district check for {name}")


@cache
def schema() -> dict[str, dict[str, tuple[Check, bool]]]:
    """entity -> column -> (check, nullable), for every synced table of the village. Reading
    the models costs most of a second once per process; the receiver does it at start."""
    from cunwu.store.models import synced_models

    return {m.__tablename__: {c.name: (_check_for(c), bool(c.nullable)) for c in m.__table__.columns}
            for m in synced_models()}


def _reject_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: canonical JSON never holds them


_scan = json.scanner.make_scanner(json.JSONDecoder(parse_constant=_reject_constant))


def check_ops(changes: list, text: bytes) -> None:
    """Every change (bundle.Upsert or bundle.Delete) against its entity's schema; raises
    RowError for the first that does not fit.

    Each row is first decoded by its table's typed decoder (msgspec, in C: types, lengths and
    ranges as it parses), UUIDs then checked a column at a time and dates once per distinct
    value. That path only answers "all fine"; it is never more lenient than the row-by-row
    path, which runs only when it is not, to name the first bad op, field and reason (or to
    let through what only it accepts, such as an older row without a newer column). `text` is
    what the changes were decoded from: where it escapes a NUL (which the typed decoders let
    through) the rows are gone through one by one."""
    if not _all_fine(changes, text):
        _first_bad(changes, _parse_rows(changes))


# -- the quick path --------------------------------------------------------------------------
_INT = Annotated[int, msgspec.Meta(ge=INT_MIN, le=INT_MAX)]
# An integer in a float column is bounded as an integer, as _float does.
_FLOAT = Union[_INT, Annotated[float, msgspec.Meta(ge=-MAX_FLOAT, le=MAX_FLOAT)]]


def _typed(check: Check):
    """The msgspec type that accepts no more than `check` does, with what is left to check
    after decoding: UUIDs (a column at a time) and dates (each distinct one)."""
    if check in _text_spec:
        limit, uuid = _text_spec[check]
        return Annotated[str, msgspec.Meta(min_length=36, max_length=36) if uuid else msgspec.Meta(max_length=limit)]
    if check is _date:
        return Annotated[str, msgspec.Meta(min_length=10, max_length=10)]
    if check is _datetime:
        return Annotated[str, msgspec.Meta(max_length=40)]
    return {_integer: _INT, _float: _FLOAT, _boolean: bool}[check]


def _holds_uuids(check: Check) -> bool:
    return check in _text_spec and _text_spec[check][1]


@dataclass
class _Decoder:
    decode: Callable
    uuids: list[str]  # UUID columns other than the row's own (which must equal the op's)
    dates: list[tuple[str, Check]]


@cache
def _decoders() -> dict[str, _Decoder]:
    out = {}
    for entity, columns in schema().items():
        fields = [(name, _typed(check) | None if nullable else _typed(check))
                  for name, (check, nullable) in columns.items()]
        struct = msgspec.defstruct(f"Row_{entity}", fields, forbid_unknown_fields=True, gc=False)
        out[entity] = _Decoder(
            msgspec.json.Decoder(struct).decode,
            [name for name, (check, _) in columns.items() if _holds_uuids(check) and name != "uuid"],
            [(name, check) for name, (check, _) in columns.items() if check in (_date, _datetime)])
    return out


def prepare() -> None:
    """Read the schema and build the decoders: most of a second, once per process (the
    receiver does it at start)."""
    _decoders()


def _all_fine(changes: list, text: bytes) -> bool:
    if b"\\u0000" in text:  # the typed decoders let a NUL through; the row-by-row check does not
        return False
    decoders = _decoders()
    entities = set(map(_ENTITY, changes))
    versions = list(map(_VERSION, changes))
    if not entities <= decoders.keys() or not _uuids(list(map(_UUID_OF, changes))) \
            or versions and (min(versions) < 0 or max(versions) > INT_MAX):
        return False
    live = [op for op in changes if op.row is not None]  # tombstones carry no row
    if len(entities) == 1:
        groups = {entities.pop(): live}
    else:
        groups = {}
        for op in live:
            groups.setdefault(op.entity, []).append(op)
    for entity, ops in groups.items():
        d = decoders[entity]
        try:
            rows = [d.decode(op.row) for op in ops]
        except (msgspec.DecodeError, UnicodeDecodeError):  # a row that does not fit, or lacks a column
            return False
        # the row's own uuid is the op's, whose form is checked above
        if list(map(_UUID_OF, rows)) != list(map(_UUID_OF, ops)):
            return False
        for name in d.uuids:
            if not _uuids([v for v in map(attrgetter(name), rows) if v is not None]):
                return False
        for name, check in d.dates:
            values = set(map(attrgetter(name), rows))
            values.discard(None)
            if not all(check(v) is None for v in values):
                return False
    return True


_ENTITY, _UUID_OF, _VERSION = attrgetter("entity"), attrgetter("uuid"), attrgetter("row_version")


def _uuids(values: list) -> bool:
    """All lowercase hyphenated UUIDs: joined by newlines, the text is 37n-1 long, has hyphens and
    newlines exactly where they belong and nothing else but hex digits. (Checked that way in a
    handful of passes in C, six times quicker than a regex over the same text.) No value can
    hide a newline and pass as two: the joins alone account for every newline."""
    n = len(values)
    if not n:
        return True
    text = "\n".join(values)
    return (len(text) == 37 * n - 1 and text[8::37] == text[13::37] == text[18::37] == text[23::37] == "-" * n
            and text[36::37] == "\n" * (n - 1) and len(text.translate(_NOT_HEX)) == 5 * n - 1)


_NOT_HEX = str.maketrans("", "", "0123456789abcdef")


# -- the row-by-row path ---------------------------------------------------------------------
def _parse_rows(changes: list) -> list:
    """Each change's row as Python values (None for a tombstone), parsed as stored rows are read."""
    out = []
    for i, op in enumerate(changes):
        if op.row is None:
            out.append(None)
            continue
        try:
            text = bytes(op.row).decode("utf-8")
            value, end = _scan(text, 0)
        except (StopIteration, ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
            raise RowError(i, op.entity, op.uuid, "row", BAD_JSON.format(error=type(e).__name__)) from None
        if end != len(text):
            raise RowError(i, op.entity, op.uuid, "row", N_("not valid JSON (data after the row)"))
        if type(value) is not dict:  # an upsert's row is an object: anything else is a broken bundle
            raise CunwuError("E_BUNDLE_PAYLOAD", detail=f"op {i}")
        out.append(value)
    return out


def _first_bad(heads: list, values: list) -> None:
    known = schema()
    for i, (op, row) in enumerate(zip(heads, values)):
        entity, uuid = op.entity, op.uuid
        columns = known.get(entity)
        if columns is None:
            raise RowError(i, entity, uuid, "entity", N_("not a table villages send"))
        if not _UUID(uuid):
            raise RowError(i, entity, uuid, "uuid", N_("not a UUID"))
        if not 0 <= op.row_version <= INT_MAX:
            raise RowError(i, entity, uuid, "row_version", N_("out of range"))
        if row is None:  # a tombstone
            continue
        if row.get("uuid") != uuid:
            raise RowError(i, entity, uuid, "uuid", N_("differs from the op's"))
        for field, value in row.items():
            spec = columns.get(field)
            if spec is None:
                raise RowError(i, entity, uuid, field, N_("not a column of this table"))
            if value is None:
                if not spec[1]:
                    raise RowError(i, entity, uuid, field, N_("missing"))
                continue
            reason = spec[0](value)
            if reason is not None:
                raise RowError(i, entity, uuid, field, reason)


def stored(text) -> dict | None:
    """A row as the district stored it, or None when it cannot be read as one: rows stored
    before the checks existed may be anything, and no view may fail on them."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
