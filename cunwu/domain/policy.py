"""Policy parameters the district sets (低保 and 特困 standards, the 高龄 age, 两项补贴 amounts,
visit intervals), each with the day it takes effect, and which value is in force on a day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from sqlmodel import Field

from cunwu.errors import CunwuError
from cunwu.i18n import N_, _
from cunwu.store.tables import LocalRecord

# name → (label, lowest, highest, whole number, the village's own setting it stands in for).
# Without a value from the district the village's own settings apply (services/policy.py),
# so a village that never hears from its district computes what it always did.
PARAMS: dict[str, tuple[str, int, int, bool, str]] = {
    "dibao_standard": (N_("低保 standard (yuan per person a month)"), 0, 100_000, False, ""),
    "tekun_standard": (N_("特困 standard (yuan per person a month)"), 0, 100_000, False, ""),
    "elderly_age": (N_("高龄 age (years)"), 60, 120, True, "elderly_age"),
    "subsidy_living": (N_("困难残疾人生活补贴 (yuan a month)"), 0, 100_000, False, ""),
    "subsidy_care": (N_("重度残疾人护理补贴 (yuan a month)"), 0, 100_000, False, ""),
    "visit_days_elderly": (N_("visit interval for the old (days)"), 1, 365, True, "visit_days"),
    "visit_days_children": (N_("visit interval for 困境儿童 (days)"), 1, 365, True, "visit_days"),
}

# name → (what it is, how its value reads), for the village's lists, messages and notices.
SHOWN: dict[str, tuple[str, str]] = {
    "dibao_standard": (N_("低保 standard"), N_("{value} yuan per person a month")),
    "tekun_standard": (N_("特困 standard"), N_("{value} yuan per person a month")),
    "elderly_age": (N_("高龄 age"), N_("{value} years")),
    "subsidy_living": (N_("困难残疾人生活补贴"), N_("{value} yuan a month")),
    "subsidy_care": (N_("重度残疾人护理补贴"), N_("{value} yuan a month")),
    "visit_days_elderly": (N_("visit interval for the old"), N_("every {value} days")),
    "visit_days_children": (N_("visit interval for 困境儿童"), N_("every {value} days")),
}


class PolicyParam(LocalRecord, table=True):
    """A parameter as the district sent it: in force from effective_from until a later one."""

    __tablename__ = "policy_params"
    item_id: str = Field(unique=True, max_length=64)  # the district's id of the item
    name: str = Field(index=True)
    value: str  # a decimal number as text
    effective_from: dt.date
    district_seq: int  # the district bundle it came in
    received_at: dt.datetime


def checked_value(name: str, value) -> str:
    """The value as stored (decimal text), or a coded refusal."""
    if name not in PARAMS:
        raise CunwuError("E_POLICY_PARAM", value=str(name)[:40], allowed="、".join(PARAMS))
    _label, low, high, whole, _setting = PARAMS[name]
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if (number is None or not number.is_finite() or not low <= number <= high
            or (whole and number != number.to_integral_value())
            or number.as_tuple().exponent < -2):
        raise CunwuError("E_POLICY_VALUE", name=name, low=low, high=high, value=str(value)[:40])
    return str(int(number)) if whole else f"{number:.2f}"


def typed(name: str, text: str):
    return int(text) if PARAMS[name][3] else Decimal(text)


def amount(value) -> str:
    """A number as a clerk writes it: thousands grouped, no .00 on a whole one (1,200; 1,250.50)."""
    text = f"{Decimal(str(value)):,.2f}"
    return text.removesuffix(".00")


def shown(name: str, value) -> tuple[str, str]:
    """(what the parameter is, its value with its unit) in the current language."""
    what, reads = SHOWN[name]
    return _(what), _(reads).format(value=amount(value))


def latest(rows, day: dt.date) -> dict:
    """{name: row} in force on day from (name, value, effective_from, order) rows: for each
    name, the latest effective_from not after day; of two from the same day, the later order."""
    best: dict[str, tuple] = {}
    for row in rows:
        name, _value, since, order = row
        if name in PARAMS and since <= day and (name not in best or (since, order) > best[name][2:]):
            best[name] = row
    return best


def in_force(rows, day: dt.date) -> dict:
    """{name: value} in force on day (`latest`)."""
    return {name: typed(name, row[1]) for name, row in latest(rows, day).items()}


def thresholds(own: dict, district: dict) -> dict:
    """The monitoring thresholds of a day: the village's own settings (domain/monitoring.py)
    with the district's values in force that day over them (`in_force`); the visit intervals
    for the old and for children default to the village's one visit_days."""
    out = dict(own, visit_days_elderly=own["visit_days"], visit_days_children=own["visit_days"])
    for name, value in district.items():
        if PARAMS[name][4]:
            out[name] = value
    return out
