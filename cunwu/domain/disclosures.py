"""Village-affairs disclosures (村务公开, "三务公开"): the notice, its evidence of posting,
the feedback received, the village's rules, and the checks that guard them.

States: draft → signed_off → posted → (period_over, derived from the date) → archived.
A notice is edited only as a draft; a posted one never changes: a correction is a new
notice that names the one it corrects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Optional

from sqlmodel import Field

from cunwu.errors import CunwuError
from cunwu.i18n import N_, _
from cunwu.store.canonical import canonical_json
from cunwu.store.tables import Record

CATEGORIES = ("党务", "村务", "财务")
# kind -> (label, default category)
KINDS = {
    "free": (N_("free text"), "村务"),
    "dibao": (N_("低保 list"), "村务"),
    "tekun": (N_("特困供养 list"), "村务"),
    "linshi": (N_("临时救助 list"), "村务"),
    "finance": (N_("income and expenses (财务公开)"), "财务"),
    "decision": (N_("decision (决议公开)"), "村务"),
    "result": (N_("implementation result (实施结果公开)"), "村务"),
}
RELIEF_KINDS = ("dibao", "tekun", "linshi")
# What a new notice of each kind starts from in the editor (relief lists are generated).
TEMPLATES = {
    "finance": {"body": "现将本村本期财务收支情况公开如下，接受村民监督。",
                "tables": [{"title": "收支明细",
                            "columns": ["日期", "摘要", "收入（元）", "支出（元）", "备注"],
                            "rows": []}]},
    "decision": {"body": "经______会议于____年__月__日表决通过，现将决议内容公开如下：\n\n一、\n\n二、",
                 "tables": [{"title": "表决情况", "columns": ["应到", "实到", "同意", "反对", "弃权"],
                             "rows": []}]},
    "result": {"body": "根据______会议决议，______已实施完毕，现将实施结果公开如下：",
               "tables": [{"title": "实施情况", "columns": ["项目", "金额（元）", "完成情况"],
                           "rows": []}]},
    "free": {"body": "", "tables": []},
}
STATUSES = ("draft", "signed_off", "posted", "period_over", "archived")
STATUS_LABELS = {"draft": N_("draft"), "signed_off": N_("signed off"), "posted": N_("posted"),
                 "period_over": N_("period over"), "archived": N_("archived")}
FEEDBACK_KINDS = ("意见", "异议", "咨询")
PLACES = ("村务公开栏", "村民微信群")

# Legal defaults (村民委员会组织法; 低保 at least 7 days); each village may change them.
DEFAULT_MIN_DAYS = {"dibao": 7, "tekun": 7, "linshi": 7, "finance": 7, "decision": 5,
                    "result": 5, "free": 3}
MAX_POSTING_DAYS = 365


class Disclosure(Record, table=True):
    """公开事项: one notice as drafted, signed off by the supervision committee and posted."""

    __tablename__ = "disclosures"
    kind: str = "free"
    category: str
    title: str
    body: str = ""
    tables: str = "[]"  # canonical JSON: [{"title", "columns": [...], "rows": [[...]]}]
    period_from: dt.date
    period_to: dt.date
    posting_date: Optional[dt.date] = None
    posting_days: int = 7  # 公示期
    place: str = ""
    phone: str = ""  # 监督电话
    status: str = Field(default="draft", index=True)
    corrects_uuid: Optional[str] = Field(default=None, index=True)
    matter_uuid: Optional[str] = None  # a 四议两公开 matter (linked by UUID)
    meeting_uuid: Optional[str] = None
    signed_by: str = ""
    signed_name: str = ""
    signed_on: Optional[dt.date] = None
    signed_at: Optional[dt.datetime] = None
    content_sha256: str = ""  # frozen at sign-off
    posted_at: Optional[dt.datetime] = None
    archived_at: Optional[dt.datetime] = None
    created_at: dt.datetime
    created_by: str = ""

    @property
    def table_list(self) -> list[dict]:
        return json.loads(self.tables or "[]")

    def period_end(self) -> dt.date | None:
        """The last day of the 公示期."""
        if self.posting_date is None:
            return None
        return self.posting_date + dt.timedelta(days=max(self.posting_days, 1) - 1)

    def state(self, today: dt.date) -> str:
        """The stored status, with posted turning into period_over once the 公示期 ends."""
        end = self.period_end()
        if self.status == "posted" and end is not None and today > end:
            return "period_over"
        return self.status


class DisclosurePhoto(Record, table=True):
    """A photo of the posted notice (张贴照片), kept in the data folder under its hash."""

    __tablename__ = "disclosure_photos"
    disclosure_uuid: str = Field(foreign_key="disclosures.uuid", index=True)
    sha256: str = Field(max_length=64)
    file_name: str  # relative to the data folder
    original_name: str = ""
    size: int = 0
    added_at: dt.datetime
    added_by: str = ""


class DisclosureFeedback(Record, table=True):
    """Feedback or an objection received during the 公示期, and the committee's answer."""

    __tablename__ = "disclosure_feedback"
    disclosure_uuid: str = Field(foreign_key="disclosures.uuid", index=True)
    kind: str = "意见"
    received_on: dt.date
    from_name: str = ""
    content: str
    answer: str = ""
    answered_on: Optional[dt.date] = None
    answered_by: str = ""
    created_at: dt.datetime


class DisclosureRules(Record, table=True):
    """The village's disclosure rules: minimum 公示期 per kind, schedule, 监督电话."""

    __tablename__ = "disclosure_rules"
    village_code: str = Field(unique=True, max_length=12)
    phone: str = ""
    place: str = "村务公开栏"
    min_days: str = "{}"  # JSON kind -> days, over DEFAULT_MIN_DAYS
    finance_every: str = "month"  # month | quarter
    affairs_every: str = "quarter"
    due_within_days: int = 10  # after the period ends
    relief_within_days: int = 10  # after a relief list changes
    schedule_from: Optional[dt.date] = None

    def minimum_days(self, kind: str) -> int:
        merged = {**DEFAULT_MIN_DAYS, **json.loads(self.min_days or "{}")}
        return int(merged.get(kind, DEFAULT_MIN_DAYS["free"]))


def status_label(status: str) -> str:
    """A status in the user's language, for messages."""
    return _(STATUS_LABELS.get(status, status))


# -- checks -----------------------------------------------------------------

def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    return str(value).strip()


def clean_tables(raw) -> list[dict]:
    """Tables as stored: titled, with named columns and rows no wider than the columns."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise CunwuError("E_DISCLOSURE_TABLE", table=1, detail="not a list")
    out = []
    for t_no, table in enumerate(raw, start=1):
        if not isinstance(table, dict):
            raise CunwuError("E_DISCLOSURE_TABLE", table=t_no, detail="not an object")
        columns = [_cell(c) for c in table.get("columns") or []]
        if not columns or any(not c for c in columns):
            raise CunwuError("E_DISCLOSURE_TABLE", table=t_no, detail="columns need names")
        rows = table.get("rows") or []  # their number is capped by limits.ROWS on input
        if not isinstance(rows, list):
            raise CunwuError("E_DISCLOSURE_TABLE", table=t_no, detail="rows")
        clean_rows = []
        for r_no, row in enumerate(rows, start=1):
            if not isinstance(row, list):
                raise CunwuError("E_DISCLOSURE_TABLE", table=t_no, detail=f"row {r_no}")
            if len(row) > len(columns):
                raise CunwuError("E_DISCLOSURE_TABLE_ROW", table=t_no, row=r_no,
                                 cells=len(row), columns=len(columns))
            cells = [_cell(v) for v in row]
            clean_rows.append(cells + [""] * (len(columns) - len(cells)))
        out.append({"title": _text(table.get("title")), "columns": columns, "rows": clean_rows})
    return out


def parse_date(value, field: str) -> dt.date:
    """dates.parse_date, with the notice's field named in the error."""
    from cunwu.domain import dates

    try:
        return dates.parse_date(value, required=True)
    except CunwuError:
        raise CunwuError("E_DISCLOSURE_DATE", field=field, value=_text(value)) from None


_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """2026Q3, 2026-07 or 2026 as the first and last day they cover."""
    s = _text(text)
    if m := _QUARTER.match(s):
        year, q = int(m.group(1)), int(m.group(2))
        return dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)
    if (m := _MONTH.match(s)) and 1 <= int(m.group(2)) <= 12:
        year, month = int(m.group(1)), int(m.group(2))
        return dt.date(year, month, 1), month_end(year, month)
    if m := _YEAR.match(s):
        return dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(1)), 12, 31)
    raise CunwuError("E_DISCLOSURE_PERIOD_FORMAT", value=s)


def period_label(a: dt.date, b: dt.date) -> str:
    """2026年第三季度 / 2026年7月 / 2026年 where the period is exactly that, else a range."""
    if a.day == 1 and b == month_end(b.year, b.month) and a.year == b.year:
        if a.month == b.month:
            return f"{a.year}年{a.month}月"
        if a.month % 3 == 1 and b.month == a.month + 2:
            return f"{a.year}年第{'一二三四'[a.month // 3]}季度"
        if a.month == 1 and b.month == 12:
            return f"{a.year}年"
    return f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日"


def check(d: Disclosure, rules: DisclosureRules) -> None:
    """The rules a notice must meet before it is saved (raises the first problem)."""
    if not _text(d.title):
        raise CunwuError("E_DISCLOSURE_TITLE")
    if d.kind not in KINDS:
        raise CunwuError("E_DISCLOSURE_KIND", value=d.kind, allowed=", ".join(KINDS))
    if d.category not in CATEGORIES:
        raise CunwuError("E_DISCLOSURE_CATEGORY", value=d.category, allowed="、".join(CATEGORIES))
    if d.period_from is None or d.period_to is None:
        raise CunwuError("E_DISCLOSURE_PERIOD")
    if d.period_to < d.period_from:
        raise CunwuError("E_DISCLOSURE_PERIOD_ORDER", start=d.period_from.isoformat(),
                         end=d.period_to.isoformat())
    minimum = rules.minimum_days(d.kind)
    if not isinstance(d.posting_days, int) or d.posting_days < minimum:
        raise CunwuError("E_DISCLOSURE_POSTING_DAYS", days=d.posting_days, minimum=minimum,
                         kind=d.kind)
    if d.posting_days > MAX_POSTING_DAYS:
        raise CunwuError("E_DISCLOSURE_POSTING_DAYS_LONG", days=d.posting_days,
                         max=MAX_POSTING_DAYS)
    if d.posting_date is not None and d.posting_date < d.period_from:
        raise CunwuError("E_DISCLOSURE_POSTING_DATE", date=d.posting_date.isoformat(),
                         start=d.period_from.isoformat())
    clean_tables(d.table_list)


def editable(d: Disclosure) -> None:
    """Only a draft is edited; a posted notice is corrected by a new one."""
    if d.status in ("posted", "archived"):
        raise CunwuError("E_DISCLOSURE_POSTED", title=d.title)
    if d.status != "draft":
        raise CunwuError("E_DISCLOSURE_NOT_DRAFT", title=d.title, status=status_label(d.status))


# -- content and its hash ------------------------------------------------------

CONTENT_FIELDS = ("kind", "category", "title", "body", "period_from", "period_to",
                  "posting_date", "posting_days", "place", "phone", "corrects_uuid")


def content(d: Disclosure, village_code: str) -> dict:
    """What a printed notice says, as canonical data: the verification code covers this."""
    out = {"uuid": d.uuid, "village": village_code, "tables": d.table_list}
    for name in CONTENT_FIELDS:
        value = getattr(d, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def content_sha256(data: dict) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()
