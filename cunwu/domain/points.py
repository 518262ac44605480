"""Volunteer points (志愿服务积分制) and the points supermarket (积分超市): the rule
catalogue with versions, activities and their participants, the append-only ledger, goods
and redemptions, the village's settings, and the rules that guard them.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

from sqlmodel import Field

from cunwu.domain.residents import GONE
from cunwu.errors import CunwuError
from cunwu.store.tables import Record

UNITS = ("次", "小时")
SCOPES = ("person", "household")
DEFAULT_PUBLISH_DAYS = 7
DEFAULT_LEVELS = ({"name": "五星级文明户", "min": 200}, {"name": "四星级文明户", "min": 150},
                  {"name": "三星级文明户", "min": 100}, {"name": "二星级文明户", "min": 60},
                  {"name": "一星级文明户", "min": 30})
MAX_QUANTITY = Decimal(1000)

# An activity moves entered → approved → published → posted; a participant's entry is
# pending until posted, or held by an objection, or rejected when the objection is upheld.
ACTIVITY_STATES = ("entered", "approved", "published", "posted")
PARTICIPANT_STATES = ("pending", "held", "posted", "rejected")
LEDGER_KINDS = ("earn", "redeem", "reversal")


class PointsRule(Record, table=True):
    """积分规则: one version of a rule; a new version closes the one before it."""

    __tablename__ = "points_rules"
    code: str = Field(index=True)
    version: int
    name: str
    points: int  # per 次 or per 小时; negative for a deduction (扣分)
    unit: str  # 次 | 小时
    effective_from: dt.date
    effective_to: Optional[dt.date] = None  # last day it applies; open when empty
    approved_by_meeting: Optional[str] = None  # the meeting resolution's UUID
    created_at: dt.datetime
    created_by: str = ""

    def applies_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class PointsActivity(Record, table=True):
    """志愿服务活动: what was done, when and where, under which rule version."""

    __tablename__ = "points_activities"
    title: str
    held_on: dt.date = Field(index=True)
    place: str = ""
    organiser: str = ""
    rule_uuid: str = Field(foreign_key="points_rules.uuid")
    state: str = "entered"
    entered_by: str
    entered_at: dt.datetime
    approved_by: Optional[str] = None
    approved_at: Optional[dt.datetime] = None
    published_on: Optional[dt.date] = None
    publish_days: Optional[int] = None
    notes: str = ""

    def publicity_ends(self) -> dt.date | None:
        """The last day of 积分公示."""
        if self.published_on is None:
            return None
        return self.published_on + dt.timedelta(days=max(self.publish_days or 1, 1) - 1)


class PointsParticipant(Record, table=True):
    """One person signed in at an activity, with the points claimed for them."""

    __tablename__ = "points_participants"
    activity_uuid: str = Field(foreign_key="points_activities.uuid", index=True)
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    quantity: float  # times or hours
    points: int
    state: str = "pending"
    objection: str = ""
    answer: str = ""


class PointsEntry(Record, table=True):
    """积分台账: one entry of the append-only ledger. A correction is a new entry that
    reverses an old one; no entry is ever edited or deleted (triggers refuse it)."""

    __tablename__ = "points_ledger"
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    household_uuid: Optional[str] = None  # the person's household when booked
    kind: str  # earn | redeem | reversal
    points: int  # signed
    dated: dt.date  # the day the points belong to: the activity's, the redemption's
    ranked: bool  # counts in rankings and levels (earned points and their reversals)
    rule_uuid: Optional[str] = None  # the rule version that earned it
    activity_uuid: Optional[str] = None
    participant_uuid: Optional[str] = None
    redemption_uuid: Optional[str] = None
    reverses_uuid: Optional[str] = None
    reason: str = ""
    entered_at: dt.datetime
    entered_by: str


class PointsGoods(Record, table=True):
    """积分超市 goods: a price in points and a stock."""

    __tablename__ = "points_goods"
    name: str = Field(unique=True)
    price: int
    stock: int
    active: bool = True
    created_at: dt.datetime


class PointsRedemption(Record, table=True):
    """兑换: goods taken against points, with its receipt number."""

    __tablename__ = "points_redemptions"
    number: str = Field(unique=True)  # printed on the receipt, e.g. 2026-00017
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    household_uuid: Optional[str] = None
    redeemed_on: dt.date
    total: int
    balance_after: int  # of the scoring person or household, printed on the receipt
    entered_by: str
    entered_at: dt.datetime


class PointsRedemptionLine(Record, table=True):
    __tablename__ = "points_redemption_lines"
    redemption_uuid: str = Field(foreign_key="points_redemptions.uuid", index=True)
    goods_uuid: str = Field(foreign_key="points_goods.uuid")
    goods_name: str
    quantity: int
    price: int


class PointsSettings(Record, table=True):
    """Per village: whether persons or households are scored, how long 公示 lasts, and the
    levels (星级文明户) by points earned in a year."""

    __tablename__ = "points_settings"
    village_code: str = Field(unique=True, max_length=12)
    scope: str = "person"
    publish_days: int = DEFAULT_PUBLISH_DAYS
    levels: str = json.dumps(DEFAULT_LEVELS, ensure_ascii=False)

    def level_list(self) -> list[dict]:
        return json.loads(self.levels or "[]")


# -- rules that guard the records ------------------------------------------------

def clean_unit(value: object) -> str:
    text = str(value or "").strip()
    aliases = {"times": "次", "time": "次", "hour": "小时", "hours": "小时", "时": "小时"}
    text = aliases.get(text.lower(), text)
    if text not in UNITS:
        raise CunwuError("E_POINTS_UNIT", value=text, allowed="/".join(UNITS))
    return text


def clean_points(value: object) -> int:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise CunwuError("E_POINTS_VALUE", value=str(value)) from None
    if number != number.to_integral_value() or number == 0 or abs(number) > 10_000:
        raise CunwuError("E_POINTS_VALUE", value=str(value))
    return int(number)


def clean_code(value: object) -> str:
    text = str(value or "").strip()
    if not text or len(text) > 32:
        raise CunwuError("E_POINTS_RULE_CODE", value=text[:40])
    return text


def clean_quantity(value: object, unit: str) -> Decimal:
    """Times are whole; hours may have one decimal (1.5 小时). Never zero or negative."""
    try:
        q = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise CunwuError("E_POINTS_QUANTITY", value=str(value)) from None
    step = Decimal(1) if unit == "次" else Decimal("0.1")
    if not q.is_finite() or q <= 0 or q > MAX_QUANTITY or q % step != 0:
        raise CunwuError("E_POINTS_QUANTITY", value=str(value))
    return q


def earned(rule_points: int, quantity: Decimal) -> int:
    """Points for a quantity, rounded half away from zero to whole points."""
    return int((Decimal(rule_points) * quantity).to_integral_value(rounding=ROUND_HALF_UP))


def clean_levels(levels: object) -> list[dict]:
    """[{"name", "min"}], highest first; names distinct, thresholds positive and distinct."""
    if not isinstance(levels, list):
        raise CunwuError("E_POINTS_LEVELS", detail="a list of {name, min}")
    out = []
    for item in levels:
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise CunwuError("E_POINTS_LEVELS", detail="each level needs a name")
        try:
            low = int(item.get("min"))
        except (TypeError, ValueError):
            raise CunwuError("E_POINTS_LEVELS", detail=f"{item.get('name')}: min") from None
        if low <= 0:
            raise CunwuError("E_POINTS_LEVELS", detail=f"{item.get('name')}: min > 0")
        out.append({"name": str(item["name"]).strip(), "min": low})
    if len({x["name"] for x in out}) != len(out) or len({x["min"] for x in out}) != len(out):
        raise CunwuError("E_POINTS_LEVELS", detail="names and thresholds must differ")
    return sorted(out, key=lambda x: -x["min"])


def level_for(points: int, levels: list[dict]) -> str:
    for level in levels:  # highest first
        if points >= level["min"]:
            return level["name"]
    return ""


def gone_on(status: str, status_since: dt.date | None, day: dt.date) -> bool:
    """Dead or moved out on that day (a status without a date counts as always)."""
    return status in GONE and (status_since is None or status_since <= day)
