"""People (一人一档): the record of each resident, and the rules for names, statuses and
relations. A person is never deleted: moving out or death is a status with a date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Optional

from sqlmodel import Field

from cunwu.domain import limits
from cunwu.errors import CunwuError
from cunwu.i18n import N_
from cunwu.store.tables import Record

STATUSES = ("户籍在册", "常住", "外出务工", "迁出", "死亡")
GONE = frozenset({"迁出", "死亡"})
RELATIONS = ("户主", "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "父母", "兄弟姐妹", "其他")
SEXES = ("男", "女")

# The fields a clerk edits, in the order the window and the roster show them.
EDITABLE = ("name", "id_number", "sex", "birth_date", "ethnicity", "phone", "household_uuid",
            "relation", "status", "status_since", "party_member", "notes")
FIELD_LABELS = {
    "name": N_("name"), "id_number": N_("ID number"), "sex": N_("sex"),
    "birth_date": N_("birth date"), "ethnicity": N_("ethnicity"), "phone": N_("phone"),
    "household_uuid": N_("household"), "relation": N_("relation to head"),
    "status": N_("status"), "status_since": N_("status since"),
    "party_member": N_("party member"), "notes": N_("notes"),
}


class Person(Record, table=True):
    """居民/村民: one person, for life."""

    __tablename__ = "persons"
    name: str
    id_number: Optional[str] = Field(default=None, unique=True, index=True)
    sex: str = ""
    birth_date: Optional[dt.date] = None
    ethnicity: str = ""
    phone: str = ""
    household_uuid: Optional[str] = Field(default=None, foreign_key="households.uuid", index=True)
    relation: str = ""
    status: str = "户籍在册"
    status_since: Optional[dt.date] = None
    party_member: bool = False
    notes: str = ""
    created_at: dt.datetime
    created_by: str = ""


class PersonEvent(Record, table=True):
    """One readable line of a person's history: who changed which fields, when."""

    __tablename__ = "person_events"
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    at: dt.datetime
    today: dt.date
    actor: str
    action: str  # e.g. residents.edit, residents.status, tags.add
    changes: str = "{}"  # canonical JSON {field: [old, new]}; ID numbers masked


_DOTS = re.compile(r"[\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5\u0387.．]")
_SPACES = re.compile(r"\s+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_NAME_OK = re.compile(rf"^[{_CJK}A-Za-z·\s'\-]+$")
# Most names are a few common Chinese characters, which every step below leaves as they are.
_PLAIN_NAME = re.compile(rf"[\u4e00-\u9fff]{{1,{limits.NAME}}}").fullmatch


def clean_name(raw: object) -> str:
    """A name as it should be kept: one kind of middle dot (阿依古丽·买买提), no spaces
    between Chinese characters (clerks pad two-character names), single spaces elsewhere."""
    if raw.__class__ is str and _PLAIN_NAME(raw):
        return raw
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    text = _DOTS.sub("·", text)
    text = _CJK_GAP.sub("", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r"\s*·\s*", "·", text)
    if not text:
        raise CunwuError("E_PERSON_NAME_EMPTY")
    if len(text) > limits.NAME:  # NFKC can lengthen a name that passed the input limit
        raise CunwuError("E_INPUT_TOO_LONG", field="name", max=limits.NAME, length=len(text))
    if not _NAME_OK.match(text) or text.startswith("·") or text.endswith("·"):
        raise CunwuError("E_PERSON_NAME", value=text)
    return text


_SEX_WORDS = {"男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女",
              "male": "男", "female": "女", "1": "男", "2": "女"}
_RELATION_WORDS = {"本人": "户主", "妻": "配偶", "夫": "配偶", "妻子": "配偶", "丈夫": "配偶",
                   "长子": "子", "次子": "子", "儿子": "子", "长女": "女", "次女": "女", "女儿": "女",
                   "父亲": "父母", "母亲": "父母", "父": "父母", "母": "父母", "孙": "孙子",
                   "兄": "兄弟姐妹", "弟": "兄弟姐妹", "姐": "兄弟姐妹", "妹": "兄弟姐妹"}


def clean_sex(raw: object) -> str:
    text = str(raw or "").strip()
    if not text:
        return ""
    sex = _SEX_WORDS.get(text.lower())
    if sex is None:
        raise CunwuError("E_PERSON_SEX", value=text)
    return sex


def clean_status(raw: object) -> str:
    text = str(raw or "").strip()
    if not text:
        return "户籍在册"
    if text not in STATUSES:
        raise CunwuError("E_PERSON_STATUS", value=text, allowed="/".join(STATUSES))
    return text


def clean_relation(raw: object) -> str:
    text = str(raw or "").strip()
    text = _RELATION_WORDS.get(text, text)
    if text and text not in RELATIONS:
        return "其他"
    return text


def clean_phone(raw: object) -> str:
    if raw.__class__ is str and raw.isascii() and raw.isdigit():
        return raw
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = unicodedata.normalize("NFKC", str(raw or ""))
    return re.sub(r"[\s\-]", "", text)


def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
