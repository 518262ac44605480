"""Masking personal data on paper (PIPL; GB/T 35273 de-identification, DOMAIN.md).

Phone `138****0000`, name `张*` (an ID number: domain.idnumbers.mask); `scrub` masks any ID,
mobile or bank account number that slipped into free text, so a posted sheet never shows one.
"""

from __future__ import annotations

import re

# Two-character surnames, so that 欧阳娜娜 becomes 欧阳** rather than 欧***.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 轩辕 "
    "呼延 南宫 西门 独孤 万俟 闻人 澹台 公冶 宗政 濮阳 太史 申屠 钟离 赫连".split())

_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
# Bank card and account numbers: 12 or more digits in a row that are not an ID number.
# Words that usually mean health or disability detail, which a posted notice must not carry.
# Only a warning: the clerk decides (a road "病害" is not a patient).
HEALTH_WORDS = ("残疾", "残疾证", "患有", "患病", "病史", "诊断", "住院", "癌", "精神病", "精神障碍",
                "智力障碍", "艾滋", "肢体障碍", "视力障碍", "听力障碍", "透析", "瘫痪")
_LONG = re.compile(r"(?<![\d*])(\d{4})(\d{4,})(\d{4})(?![\d*])")


def mask_phone(number: str) -> str:
    """138****0000 for a mobile; other numbers keep only their last four digits."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_name(name: str) -> str:
    """张* / 欧阳*: the surname stays; the given name is hidden, its length too."""
    s = (name or "").strip()
    if not s:
        return s
    if s.isascii():
        return s[0] + "*"
    keep = 2 if s[:2] in COMPOUND_SURNAMES and len(s) > 2 else 1
    return s[:keep] + "*"


def scrub(text: str) -> str:
    """Mask every ID number and mobile number found in free text."""
    if not text or not any(c.isdigit() for c in text):
        return text
    text = _ID18.sub(lambda m: m.group(1) + "*" * 8 + m.group(3).upper(), text)
    text = _ID15.sub(lambda m: m.group(1) + "*" * 6 + m.group(3), text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    return _LONG.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


def has_personal_numbers(text: str) -> bool:
    return bool(text) and scrub(text) != text


def health_words(text: str) -> list[str]:
    """The health or disability words found in `text`, for a warning before posting."""
    return [w for w in HEALTH_WORDS if w in (text or "")]
