"""Which column holds what: finding the header row (under title rows and merged cells),
mapping the usual Chinese headers to person fields and special groups, and reading cell values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from cunwu.errors import CunwuError
from cunwu.i18n import N_

HEADER_SCAN = 30

# group -> its yes/no column's headers; a listing column may also use the short names
TAG_COLUMNS: dict[str, tuple[str, ...]] = {
    "低保": ("低保", "是否低保", "低保户", "低保对象", "低保人员"),
    "低保边缘": ("低保边缘", "低边", "是否低保边缘", "低保边缘户"),
    "特困供养": ("特困", "特困供养", "特困人员", "是否特困", "五保", "五保户"),
    "残疾": ("残疾", "残疾人", "是否残疾"),
    "独居老人": ("独居老人", "是否独居"),
    "留守老人": ("留守老人",),
    "留守儿童": ("留守儿童",),
    "困境儿童": ("困境儿童",),
    "事实无人抚养儿童": ("事实无人抚养儿童",),
    "退役军人": ("退役军人",),
}

# field -> headers seen on real rosters (compared after removing spaces and marks)
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "居民姓名", "村民姓名", "户员姓名", "成员姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号",
                  "身份证件号码", "居民身份证号码"),
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "ethnicity": ("民族",),
    "phone": ("联系电话", "手机号码", "电话", "手机", "联系方式", "电话号码", "手机号"),
    "relation": ("与户主关系", "与户主的关系", "家庭关系", "关系"),
    "household_number": ("户号", "户编号", "户籍编号", "户口编号"),
    "group_name": ("村民小组", "组别", "小组", "所在小组", "网格", "组"),
    "address": ("家庭住址", "住址", "地址", "现住址", "居住地址", "家庭地址"),
    "status": ("居住状态", "人员状态", "状态", "户籍状态"),
    "party_member": ("党员", "是否党员", "政治面貌"),
    "notes": ("备注", "说明"),
    # special groups: a yes/no column per group, or one column listing them (人员类别: 低保、残疾)
    **{f"tag:{tag}": headers for tag, headers in TAG_COLUMNS.items()},
    "tags": ("人员类别", "人员类型", "困难类别", "困难类型", "救助类别", "特殊人群"),
    "tag_since": ("起始日期", "起始时间", "纳入时间", "纳入日期", "享受时间", "享受日期",
                  "保障起始日期", "开始享受时间"),
    "tag_amount": ("保障金额", "月保障金额", "低保金额", "月低保金", "低保金", "月保障金",
                   "保障金额元", "月保障金额元", "低保金额元", "月低保金元"),
    "tag_covered": ("保障人数", "享受人数", "低保人数"),
}
FIELDS = tuple(ALIASES)
TAG_FIELDS = tuple(f for f in FIELDS if f.startswith("tag"))  # read into Row.tags, not person fields
REQUIRED = ("name", "id_number")
FIELD_LABELS = {
    "name": N_("name"), "id_number": N_("ID number"), "sex": N_("sex"),
    "birth_date": N_("birth date"), "ethnicity": N_("ethnicity"), "phone": N_("phone"),
    "relation": N_("relation to head"), "household_number": N_("household number"),
    "group_name": N_("villager group"), "address": N_("address"), "status": N_("status"),
    "party_member": N_("party member"), "notes": N_("notes"),
    **{f"tag:{tag}": tag for tag in TAG_COLUMNS},  # the group's own name, in any language
    "tags": N_("special groups (a list)"), "tag_since": N_("in the group since"),
    "tag_amount": N_("低保 amount a month"), "tag_covered": N_("低保 people covered"),
}
# What the export writes (and so what an exported file imports back as).
EXPORT_HEADERS = {"name": "姓名", "id_number": "身份证号", "sex": "性别", "birth_date": "出生日期",
                  "ethnicity": "民族", "phone": "联系电话", "relation": "与户主关系",
                  "household_number": "户号", "group_name": "村民小组", "address": "家庭住址",
                  "status": "居住状态", "party_member": "党员", "notes": "备注"}

_MARKS = re.compile(r"[\s*＊:：()（）\[\]【】]|必填|选填")
_LOOKUP = {h: f for f, hs in ALIASES.items() for h in hs}


def header_key(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return _MARKS.sub("", text)


def field_for(header: object) -> str | None:
    return _LOOKUP.get(header_key(header))


def find_header(rows: list[list[object]], saved: dict[str, str] | None = None) -> tuple[int, dict[int, str]]:
    """(row index of the header, {column index: field}); saved {header: field} wins."""
    saved = {header_key(k): v for k, v in (saved or {}).items()}
    best: tuple[int, int, dict[int, str]] | None = None
    for i, row in enumerate(rows[:HEADER_SCAN]):
        mapping: dict[int, str] = {}
        for j, cell in enumerate(row):
            key = header_key(cell)
            if not key:
                continue
            f = saved.get(key) or _LOOKUP.get(key)
            if f and f not in mapping.values():
                mapping[j] = f
        if all(f in mapping.values() for f in REQUIRED):
            score = len(mapping)
            if best is None or score > best[1]:
                best = (i, score, mapping)
    if best is None:
        raise CunwuError("E_ROSTER_NO_HEADER", rows=min(len(rows), HEADER_SCAN))
    return best[0], best[2]


def check_mapping(mapping: dict[int, str]) -> None:
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        raise CunwuError("E_ROSTER_MAPPING", fields="、".join(missing))


# -- cells -------------------------------------------------------------------------------
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # our own CSV export's guard against formula injection
    return text


def cell_date(value: object) -> dt.date | None:
    """Excel serials, 1990-01-01, 1990.1.1, 1990/1/1, 19900101, 1990年1月1日."""
    if value.__class__ is str and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return dt.date.fromisoformat(value)  # 1990-01-01: the common case, in C
        except ValueError:
            pass  # the full rules below say why not
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return cell_date(str(int(value)))
        if 1 <= value < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CunwuError("E_DATE", value=str(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DATE_TEXT.match(text) or _COMPACT.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise CunwuError("E_DATE", value=text)


def cell_bool(value: object) -> bool:
    text = cell_text(value)
    return text in ("是", "党员", "中共党员", "中共预备党员", "1", "Y", "y", "yes", "TRUE", "True", "√")


_YES = frozenset({"是", "有", "1", "√", "✓", "✔", "Y", "y", "yes", "TRUE", "True"})
_NO = frozenset({"", "否", "无", "0", "×", "✗", "N", "n", "no", "FALSE", "False", "-", "—", "/"})
_LIST_SPLIT = re.compile(r"[、,，;；/\s]+")
_TAG_WORDS = {h: tag for tag, hs in TAG_COLUMNS.items() for h in hs}


def cell_flag(value: object, tag: str) -> bool:
    """A group's yes/no cell: 是/否, 1/0, ✓, or the group's own name; anything else is refused."""
    text = cell_text(value)
    if text in _YES or _TAG_WORDS.get(text) == tag:
        return True
    if text in _NO:
        return False
    raise CunwuError("E_TAG_DATA", tag=tag, detail=text)


def cell_tags(value: object) -> list[str]:
    """The groups a listing cell names (低保、残疾; 特困 and 五保 mean 特困供养); an unknown word
    is kept as it is, for the tag rules to refuse."""
    words = [w for w in _LIST_SPLIT.split(cell_text(value)) if w not in _NO]
    return [_TAG_WORDS.get(w, w) for w in words]
