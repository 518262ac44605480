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
from itertools import repeat
from operator import itemgetter
from typing import Callable

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
        return None
    _text_spec[check] = (limit, uuid)
    return check


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


def parse_rows(heads: list[dict], rows: list[bytes]) -> list:
    """Each row's value. The rows are joined by newlines (no row holds one: they were lines)
    and scanned in one pass, each value required to end exactly where its row ends, so a
    string or bracket left open in one row can never swallow the next."""
    text = b"\n".join(rows).decode("utf-8")
    out, pos, end_all = [], 0, len(text)
    for i in range(len(rows)):
        try:
            value, end = _scan(text, pos)
        except (StopIteration, ValueError, RecursionError) as e:
            raise RowError(i, str(heads[i]["entity"]), str(heads[i]["uuid"]), "row",
                           BAD_JSON.format(error=type(e).__name__)) from None
        if end != end_all and text[end] != "\n":
            raise RowError(i, str(heads[i]["entity"]), str(heads[i]["uuid"]), "row",
                           N_("not valid JSON (data after the row)"))
        out.append(value)
        pos = end + 1
    return out


def check_ops(heads: list[dict], rows: list[bytes]) -> None:
    """Every op against its entity's schema; raises RowError for the first that does not fit.

    A whole column at a time first (the types in a set, lengths and ranges by min and max,
    UUIDs by one regex over them joined, each distinct date once), which is several times
    quicker than row by row; only when that finds something is the bundle gone through row by
    row, to name the first bad op, field and reason."""
    values = parse_rows(heads, rows)
    if not _all_fine(heads, values):
        _first_bad(heads, values)


_UUIDS = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n)*"
                    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch
_FAST = {_integer: "int", _float: "float", _boolean: "bool", _date: "date", _datetime: "date"}


def _uuids(values: list) -> bool:
    # every value exactly 36 characters and the newline-joined text nothing but UUIDs:
    # so no value can hide a newline and pass as two
    return not values or (set(map(len, values)) == {36} and _UUIDS("\n".join(values)) is not None)


def _column_fine(check: Check, values: list) -> bool:
    types = set(map(type, values))
    kind = _FAST.get(check)
    if kind is None:  # text: the closure knows its limit and whether it holds UUIDs
        if not types <= {str}:
            return False
        limit, uuid = _text_spec[check]
        return max(map(len, values), default=0) <= limit and (not uuid or _uuids(values))
    if kind == "int":
        return types <= {int} and (not values or INT_MIN <= min(values) and max(values) <= INT_MAX)
    if kind == "bool":
        return types <= {bool}
    if kind == "float":
        try:
            return types <= {int, float} and all(map(math.isfinite, values)) and \
                max(map(abs, values), default=0) <= MAX_FLOAT
        except OverflowError:
            return False
    return types <= {str} and all(check(v) is None for v in set(values))  # dates: each one once


def _all_fine(heads: list[dict], values: list) -> bool:
    known = schema()
    entities = list(map(_ENTITY, heads))
    uuids = list(map(_UUID_OF, heads))
    versions = list(map(_VERSION, heads))
    if not set(entities) <= known.keys() or not _uuids(uuids) \
            or versions and (min(versions) < 0 or max(versions) > INT_MAX):
        return False
    if len(set(entities)) == 1:  # the usual bundle: one table's rows
        groups = {entities[0]: range(len(heads))}
    else:
        groups = {}
        for i, entity in enumerate(entities):
            groups.setdefault(entity, []).append(i)
    for entity, where in groups.items():
        columns = known[entity]
        if len(groups) == 1 and None not in values:  # no tombstones: no copies
            rows, ids = values, uuids
        else:
            live = [i for i in where if values[i] is not None]
            rows, ids = [values[i] for i in live], [uuids[i] for i in live]
        if not rows:
            continue
        # the row's own uuid is the op's, which is checked above: its column is not checked again
        if list(map(dict.get, rows, repeat("uuid"))) != ids:
            return False
        if set(map(len, rows)) != {len(columns)} or not set().union(*rows) <= columns.keys():
            return False  # a row without every column (older rows may lack one): row by row
        for name, (check, nullable) in columns.items():
            if name == "uuid":
                continue
            column = list(map(itemgetter(name), rows))
            if None in column:
                if not nullable:
                    return False
                column = [v for v in column if v is not None]
            if not _column_fine(check, column):
                return False
    return True


_ENTITY, _UUID_OF, _VERSION = itemgetter("entity"), itemgetter("uuid"), itemgetter("row_version")


def _first_bad(heads: list[dict], values: list) -> None:
    known = schema()
    for i, (op, row) in enumerate(zip(heads, values)):
        entity, uuid = op["entity"], op["uuid"]
        columns = known.get(entity)
        if columns is None:
            raise RowError(i, entity, uuid, "entity", N_("not a table villages send"))
        if not _UUID(uuid):
            raise RowError(i, entity, uuid, "uuid", N_("not a UUID"))
        if not 0 <= op["row_version"] <= INT_MAX:
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
