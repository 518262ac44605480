"""The limits on every text and number a user types or imports: one table of fields, and the
checks that refuse a value with E_INPUT_… naming the field and the limit."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import unicodedata
from itertools import accumulate

from cunwu.errors import CunwuError
from cunwu.i18n import _

NAME = 64
TITLE = 200
NOTE = 2_000
BODY = 20_000
ROWS = 5_000  # rows of a table, items of any list
DEPTH = 16  # nesting of lists and objects; the deepest real input (a notice's tables) is 4
BIGGEST = 2 ** 53  # an integer beyond this is a typo or an attack, and SQLite stops at 2**63
PASSWORD = 256  # characters: argon2 hashes any length, but nobody types more

# C0 and C1 controls, bidi overrides and isolates (they make text read other than it is stored),
# and lone surrogates (they cannot be stored as UTF-8). A multiline text keeps \t \n \r.
_BAD_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BAD_PASSWORD = re.compile("[\x00\ud800-\udfff]")  # argon2 hashes the UTF-8 of the rest

# 户号 as villages write them: digits, letters and Chinese ("一组12", "3-12", "12#"); no spaces,
# slashes or dots, so that a number reads as one word in a roster, a notice or a file name.
HOUSEHOLD_NUMBER = re.compile(r"[\w\-#]{1,20}")
_PHONE_MARKS = re.compile(r"[\s\-()（）]")
_PHONE = re.compile(r"\+?\d{3,13}")


class Text:
    """A text field: at most max_len characters, on one line unless multiline."""

    def __init__(self, max_len: int, multiline: bool = False) -> None:
        self.max_len, self.multiline = max_len, multiline

    def __call__(self, value, field: str):
        value = text(value, field, self.max_len, multiline=self.multiline)
        if isinstance(value, bool):
            raise CunwuError("E_INPUT_TYPE", field=field, expected=_("text"))
        if value is None or isinstance(value, str):
            return value
        return text(str(value), field, self.max_len)  # a number or a date typed as text


class Integer:
    """A whole number (7, 7.0 or "7") between lo and hi."""

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi

    def __call__(self, value, field: str):
        return None if value is None else integer(value, field, self.lo, self.hi)


def _id_number(value, field: str):
    # a number is an ID number a spreadsheet turned into one: idnumbers names that (E_ID_FLOAT)
    if isinstance(value, float):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return scalar(value, field)  # within range, so it can be written out
    return text(value, field, NAME)


def text(value, field: str, max_len: int, *, multiline: bool = False):
    """A text as kept (NFC): no control characters (but tab and line breaks in multiline
    text), no bidi overrides, at most max_len characters. None, numbers and dates pass as
    they are (the field's own rule reads them); a list or an object is E_INPUT_TYPE."""
    if value.__class__ is not str:
        return scalar(value, field)
    bad = (_BAD_TEXT if multiline else _BAD_LINE).search(value)
    if bad and not multiline:  # a line break or tab around a pasted word is only trimmed
        bad = _BAD_LINE.search(value.strip())
    if bad:
        raise CunwuError("E_INPUT_CHARACTERS", field=field, char=f"U+{ord(bad.group()):04X}")
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if len(value) > max_len:
        raise CunwuError("E_INPUT_TOO_LONG", field=field, max=max_len, length=len(value))
    return value


def scalar(value, field: str):
    """A value that is not text: None, a yes/no, a finite number of sane size or a date."""
    if value is None or isinstance(value, (bool, dt.date)):
        return value
    if isinstance(value, int):
        if not -BIGGEST <= value <= BIGGEST:
            raise CunwuError("E_INPUT_RANGE", field=field, low=-BIGGEST, high=BIGGEST)
        return value
    if isinstance(value, (float, decimal.Decimal)):
        if not math.isfinite(value):
            raise CunwuError("E_INPUT_TYPE", field=field, expected=_("a finite number"))
        if abs(value) > BIGGEST:
            raise CunwuError("E_INPUT_RANGE", field=field, low=-BIGGEST, high=BIGGEST)
        return value
    raise CunwuError("E_INPUT_TYPE", field=field, expected=_("text or a number"))


def integer(value, field: str, lo: int, hi: int) -> int:
    """A whole number between lo and hi, given as 7, 7.0 or "7"; "seven" is E_INPUT_TYPE."""
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,18}\s*", value):
        value = int(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CunwuError("E_INPUT_TYPE", field=field, expected=_("a whole number"))
    if not lo <= value <= hi:
        raise CunwuError("E_INPUT_RANGE", field=field, low=lo, high=hi)
    return value


def number(value, field: str, lo: float, hi: float) -> float:
    """A finite number between lo and hi (an int stays an int)."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise CunwuError("E_INPUT_TYPE", field=field, expected=_("a number")) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise CunwuError("E_INPUT_TYPE", field=field, expected=_("a number"))
    if not lo <= value <= hi:
        raise CunwuError("E_INPUT_RANGE", field=field, low=lo, high=hi)
    return value


def pattern(value, field: str, regex: re.Pattern, example: str) -> str:
    """A text that must match regex whole; the refusal shows an example of a good one."""
    value = text(value, field, TITLE)
    value = value if isinstance(value, str) else str(value)
    if not regex.fullmatch(value):
        raise CunwuError("E_INPUT_PATTERN", field=field, value=value[:40], example=example)
    return value


def number_text(value) -> str:
    """户号 as text, for storing and for finding: spreadsheets often turn 0012 into 12.0, and
    full-width forms read as their ASCII ones (１２ as 12)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def household_number(value, field: str = "household_number") -> str:
    """户号: 1 to 20 letters (Chinese too), digits, '-' or '#' ("" when none), as number_text."""
    value = number_text(text(value, field, 20))  # text first: a number of sane size, no list
    return pattern(value, field, HOUSEHOLD_NUMBER, "0012") if value else ""


def phone(value, field: str = "phone") -> str:
    """A phone number as typed (spaces and dashes kept): 3 to 12 digits after an optional +86,
    so a mobile (11) or a landline with its area code (12); "" when none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = text(value, field, NAME)
    value = unicodedata.normalize("NFKC", str(value)).strip()
    digits = _PHONE_MARKS.sub("", value)
    if digits.startswith(("+86", "0086")):
        digits = digits.removeprefix("+86").removeprefix("0086")
    if digits and (not _PHONE.fullmatch(digits) or len(digits.lstrip("+")) > 12):
        raise CunwuError("E_INPUT_PATTERN", field=field, value=value[:40],
                         example="13800000000, 0571-88886666")
    return value


def ref(value, field: str, max_len: int = NAME) -> str:
    """A reference typed or passed on (a UUID, an ID number, a code): one line of text, ""
    when none; a lone surrogate would otherwise fail inside the database driver."""
    value = text(value, field, max_len)
    return "" if value is None else str(value).strip()


def password(value, field: str = "password", max_len: int = PASSWORD) -> str:
    """A password kept exactly as typed (spaces and all): text of at most max_len characters
    with no NUL or lone surrogate; "" when none. Its minimum length is accounts' rule."""
    if value is None:
        return ""
    if value.__class__ is not str:
        raise CunwuError("E_INPUT_TYPE", field=field, expected=_("text"))
    if len(value) > max_len:
        raise CunwuError("E_INPUT_TOO_LONG", field=field, max=max_len, length=len(value))
    if bad := _BAD_PASSWORD.search(value):
        raise CunwuError("E_INPUT_CHARACTERS", field=field, char=f"U+{ord(bad.group()):04X}")
    return value


def rows(value, field: str, max_rows: int = ROWS) -> list:
    """A list of at most max_rows items (E_INPUT_TYPE when not a list)."""
    if not isinstance(value, (list, tuple)):
        raise CunwuError("E_INPUT_TYPE", field=field, expected=_("a list"))
    if len(value) > max_rows:
        raise CunwuError("E_INPUT_TOO_MANY", field=field, max=max_rows, count=len(value))
    return list(value)


_LINE, _NAME, _NOTE, _BODY = Text(TITLE), Text(NAME), Text(NOTE, True), Text(BODY, True)
# Field name -> its rule, wherever the field appears (a person, a notice, a meeting…).
# A field not named here is checked as a one-line text of at most NOTE characters.
FIELDS = {
    "name": _NAME, "display_name": _NAME, "username": _NAME, "visitor": _NAME,
    "from_name": _NAME, "raised_by": _NAME, "signed_name": _NAME, "ethnicity": _NAME,
    "chair": _NAME, "recorder": _NAME, "responsible": _NAME, "answered_by": _NAME,
    "relation": _NAME, "status": _NAME, "sex": _NAME, "group_name": _NAME, "kind": _NAME,
    "category": _NAME, "body_name": _NAME, "code": _NAME, "unit": _NAME, "role": _NAME,
    "title": _LINE, "topic": _LINE, "address": _LINE, "place": _LINE, "location": _LINE,
    "body": _BODY, "minutes": _BODY, "content": _BODY, "summary": _BODY, "discussion": _BODY,
    "notes": _NOTE, "note": _NOTE, "reason": _NOTE, "answer": _NOTE, "objection": _NOTE,
    "description": _NOTE, "detail": _NOTE, "decision": _NOTE, "result": _NOTE,
    "resolution": _NOTE, "follow_up": _NOTE,
    "id_number": _id_number, "phone": phone, "household_number": household_number,
    "posting_days": Integer(-BIGGEST, BIGGEST),
}


def field(name: str, value):
    """One value checked by its field's rule in FIELDS (a one-line text of NOTE otherwise)."""
    rule = FIELDS.get(name)
    if rule is not None:
        return rule(value, name)
    if isinstance(value, (list, tuple, dict)):
        return check(value, name)
    return text(value, name, NOTE)


def check(data, where: str = "", depth: int = 0):
    """Every value in data (a dict of fields, a list, or one value) by the rules above, lists
    capped at ROWS and nesting at DEPTH; the values come back as kept (NFC)."""
    if depth > DEPTH:
        raise CunwuError("E_INPUT_TOO_DEEP", field=where or "-", max=DEPTH)
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if not isinstance(key, str):
                raise CunwuError("E_INPUT_TYPE", field=where or "-", expected=_("text keys"))
            key = text(key, where or "-", NAME)
            name = f"{where}.{key}" if where else key
            if key in FIELDS:
                out[key] = FIELDS[key](value, name)
            elif isinstance(value, (list, tuple, dict)):
                out[key] = check(value, name, depth + 1)
            else:
                out[key] = text(value, name, NOTE)
        return out
    if isinstance(data, (list, tuple)):
        items = rows(data, where or "-")
        return [check(v, where, depth + 1) if isinstance(v, (list, tuple, dict))
                else text(v, where or "-", NOTE, multiline=True) for v in items]
    return field(where, data) if where in FIELDS else text(data, where or "-", NOTE)


def fields_of(data, what: str) -> dict:
    """A dict of fields (the window's form, a JSON file) checked as check() does; anything
    else is E_INPUT_TYPE naming what was expected."""
    if not isinstance(data, dict):
        raise CunwuError("E_INPUT_TYPE", field=what, expected=_("a set of fields (a JSON object)"))
    return check(data)


def fields(**values) -> dict:
    """Keyword arguments of a service checked as check() does a dict."""
    return check(values)


# -- JSON --------------------------------------------------------------------------------

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def check_json_depth(raw: str, where: str = "-", limit: int = DEPTH) -> None:
    """Refuse JSON nested deeper than limit before it is parsed: the parser recurses, and a
    file of a million '[' would end in RecursionError instead of a reason."""
    if raw.count("[") + raw.count("{") <= limit:
        return  # cannot be that deep; most files stop here
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", raw))
    if brackets and max(accumulate(map(_STEP.__getitem__, brackets))) > limit:
        raise CunwuError("E_INPUT_TOO_DEEP", field=where, max=limit)
