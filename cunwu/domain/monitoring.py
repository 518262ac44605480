"""Special groups as dated tags (低保, 残疾 …), 临时救助 grants, visits (走访), and the
per-village thresholds that 动态监测 alerts use.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Optional

from sqlmodel import Field

from cunwu.errors import CunwuError
from cunwu.store.tables import Record

TAGS = ("低保", "低保边缘", "特困供养", "临时救助", "残疾", "独居老人", "留守老人", "留守儿童",
        "困境儿童", "事实无人抚养儿童", "退役军人")
DERIVED_TAG = "高龄"  # from age and the village's threshold; never stored
# Tags that pay money or goods: a person who died or moved out must not keep one.
BENEFIT_TAGS = frozenset({"低保", "低保边缘", "特困供养", "残疾", "困境儿童", "事实无人抚养儿童"})
DISABILITY_TYPES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
DISABILITY_LEVELS = ("一级", "二级", "三级", "四级")


class PersonTag(Record, table=True):
    """A special group a person belongs to from `since` until `until` (open when empty)."""

    __tablename__ = "person_tags"
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    tag: str = Field(index=True)
    since: dt.date
    until: Optional[dt.date] = None
    review_due: Optional[dt.date] = None
    data: str = "{}"  # JSON, per tag: 低保 {covered, monthly_amount}; 残疾 {type, level, two_subsidies}
    notes: str = ""

    def active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or self.until >= day)

    @property
    def details(self) -> dict:
        return json.loads(self.data or "{}")


class ReliefGrant(Record, table=True):
    """临时救助: one grant of money to a person."""

    __tablename__ = "relief_grants"
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    granted_on: dt.date
    amount: str  # decimal yuan as text, e.g. "800.00"
    reason: str


class Visit(Record, table=True):
    """走访记录: someone from the committee saw the person."""

    __tablename__ = "visits"
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    visited_on: dt.date
    visitor: str
    notes: str = ""


class MonitoringSettings(Record, table=True):
    """Each village's thresholds for 动态监测 (provinces differ: 高龄 from 70 or 80)."""

    __tablename__ = "monitoring_settings"
    village_code: str = Field(unique=True, max_length=12)
    elderly_age: int = 80
    visit_days: int = 30
    review_notice_days: int = 30
    child_age: int = 16


DEFAULTS = {"elderly_age": 80, "visit_days": 30, "review_notice_days": 30, "child_age": 16}


def money(raw: object) -> str:
    """Yuan as a two-decimal string, or CunwuError."""
    try:
        value = Decimal(str(raw).strip().replace(",", "").replace("元", ""))
    except (InvalidOperation, ValueError):
        raise CunwuError("E_MONEY", value=str(raw)) from None
    if value < 0 or value > Decimal("10000000"):
        raise CunwuError("E_MONEY", value=str(raw))
    return f"{value.quantize(Decimal('0.01'))}"


def tag_data(tag: str, data: dict | None) -> dict:
    """The checked per-tag data (only the keys that tag has)."""
    if data is not None and not isinstance(data, dict):
        raise CunwuError("E_TAG_DATA", tag=tag, detail="not a set of fields")
    data = dict(data or {})
    if tag not in TAGS:
        raise CunwuError("E_TAG_UNKNOWN", value=tag, allowed="、".join(TAGS))
    if tag == "低保":
        out = {}
        if data.get("covered") not in (None, ""):
            try:
                out["covered"] = int(data["covered"])
            except (TypeError, ValueError):
                raise CunwuError("E_TAG_DATA", tag=tag, detail="covered") from None
            if not 1 <= out["covered"] <= 30:
                raise CunwuError("E_TAG_DATA", tag=tag, detail="covered")
        if data.get("monthly_amount") not in (None, ""):
            out["monthly_amount"] = money(data["monthly_amount"])
        return out
    if tag == "残疾":
        out = {"two_subsidies": bool(data.get("two_subsidies", False))}
        if data.get("type"):
            if data["type"] not in DISABILITY_TYPES:
                raise CunwuError("E_TAG_DATA", tag=tag, detail=str(data["type"]))
            out["type"] = data["type"]
        if data.get("level"):
            if data["level"] not in DISABILITY_LEVELS:
                raise CunwuError("E_TAG_DATA", tag=tag, detail=str(data["level"]))
            out["level"] = data["level"]
        return out
    return {}


def check_dates(since: dt.date, until: dt.date | None) -> None:
    if until is not None and until < since:
        raise CunwuError("E_TAG_DATES", since=since.isoformat(), until=until.isoformat())
