"""公民身份号码 (GB 11643): normalising what people type, checking it, and what it tells
(birth date, sex). The check itself is python-stdnum's `stdnum.cn.ric`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from cunwu.errors import CunwuError

_FLOAT = re.compile(r"^\d+(\.\d+)?E\+?\d+$", re.I)
_DECIMAL_TAIL = re.compile(r"^(\d{15}|\d{17}[\dX])\.0+$")
_LAST = frozenset("0123456789X")
_SEPARATORS = re.compile(r"[\s\-\u00a0\u3000'\"]")


@dataclass(frozen=True)
class IdNumber:
    """A checked ID number and what it says about its holder."""

    number: str
    birth_date: dt.date
    sex: str  # "男" | "女"
    warnings: tuple[str, ...] = field(default=())

    @property
    def tail(self) -> str:
        return self.number[-6:]


def _upgrade15(digits: str) -> str:
    from stdnum.cn import ric

    body = digits[:6] + "19" + digits[6:]
    return body + ric.calc_check_digit(body + "0")


def normalise(raw: object) -> str:
    """The 18-character form of what was typed or read, or CunwuError saying why not."""
    if raw.__class__ is str and len(raw) == 18 and raw.isascii() and raw[:17].isdigit() \
            and raw[17] in _LAST:
        return raw  # already in its 18-character form, as almost every roster holds it
    if raw is None:
        raise CunwuError("E_ID_EMPTY")
    if isinstance(raw, float):
        # a spreadsheet stored the number as a float: its last digits are gone
        raise CunwuError("E_ID_FLOAT", value=repr(raw))
    if isinstance(raw, int):
        raw = str(raw)
    text = unicodedata.normalize("NFKC", str(raw))
    text = _SEPARATORS.sub("", text).upper()
    if not text:
        raise CunwuError("E_ID_EMPTY")
    if _FLOAT.match(text):
        raise CunwuError("E_ID_FLOAT", value=text)
    tail = _DECIMAL_TAIL.match(text)
    if tail:
        text = tail.group(1)
    if len(text) == 15 and text.isdigit():
        return _upgrade15(text)
    if len(text) != 18:
        raise CunwuError("E_ID_LENGTH", value=mask(text), length=len(text))
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise CunwuError("E_ID_FORMAT", value=mask(text))
    return text


def parse(raw: object) -> IdNumber:
    """Normalise and check; unknown address codes are a warning, never an error."""
    from stdnum.cn import ric

    number = normalise(raw)
    if ric.calc_check_digit(number) != number[17]:
        raise CunwuError("E_ID_CHECKSUM", value=mask(number))
    try:  # what ric.get_birth_date reads, without its second clean-up of the number
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise CunwuError("E_ID_BIRTH_DATE", value=mask(number)) from None
    if born.year < 1880 or born > dt.date.today():
        raise CunwuError("E_ID_BIRTH_DATE", value=mask(number))
    warnings = () if known_address(number[:6]) else ("W_ID_ADDRESS",)
    sex = "男" if int(number[16]) % 2 else "女"
    return IdNumber(number, born, sex, warnings)


_known: dict[str, bool] = {}


def known_address(code: str) -> bool:
    """Whether a 6-digit address code is (or was) a GB/T 2260 code."""
    if code not in _known:
        from stdnum import numdb

        parts = numdb.get("cn/loc").info(code)
        _known[code] = any("county" in props for _part, props in parts)
    return _known[code]


def check_against(info: IdNumber, *, birth_date: dt.date | None, sex: str | None) -> None:
    """A birth date or sex entered beside the number must agree with it."""
    if birth_date is not None and birth_date != info.birth_date:
        raise CunwuError("E_ID_BIRTH_MISMATCH", entered=birth_date.isoformat(),
                         derived=info.birth_date.isoformat())
    if sex and sex != info.sex:
        raise CunwuError("E_ID_SEX_MISMATCH", entered=sex, derived=info.sex)


def mask(number: str) -> str:
    """110105********002X: the form that may appear on paper and in the audit trail. The
    address code and the last four stay, the birth date goes (a legacy 15-digit number keeps
    its last three: 440524******001)."""
    s = (number or "").strip().upper()
    if len(s) == 15:
        return s[:6] + "*" * 6 + s[-3:]
    if len(s) < 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def make(address: str, birth: dt.date, sequence: int) -> str:
    """A valid number from its parts (demo data, tests)."""
    from stdnum.cn import ric

    body = f"{address}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")
