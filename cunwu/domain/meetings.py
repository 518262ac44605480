"""Meetings (议事协商): kinds, memberships, attendance, agenda items and votes, 民情诉求,
and the quorum and passing rules as pure functions over whole numbers (村民委员会组织法).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from sqlmodel import Field

from cunwu.errors import CunwuError
from cunwu.i18n import N_, _
from cunwu.store.tables import Record

VILLAGERS = "村民会议"
REPRESENTATIVES = "村民代表会议"
COMMITTEES = '村"两委"联席会议'
PARTY = "党员大会"
HEARING = "民情恳谈会"
CONSULTATION = "议事协商会"
SUPERVISION = "村务监督委员会会议"
KINDS = (VILLAGERS, REPRESENTATIVES, COMMITTEES, PARTY, HEARING, CONSULTATION, SUPERVISION)
KIND_ALIASES = {"村两委联席会议": COMMITTEES, "两委联席会议": COMMITTEES, "村“两委”联席会议": COMMITTEES,
                "两委会议": COMMITTEES, "红色议事厅": CONSULTATION, "监委会会议": SUPERVISION}
# Meetings where villagers raise concerns (民情诉求).
CONCERN_KINDS = frozenset({HEARING, CONSULTATION})

# Bodies whose members are recorded; 党员 come from the residents' party flag, and a
# 村民会议 expects every adult resident.
BODY_REPRESENTATIVES = "村民代表"
BODY_COMMITTEES = "两委"
BODY_SUPERVISION = "监委会"
BODIES = (BODY_REPRESENTATIVES, BODY_COMMITTEES, BODY_SUPERVISION)
BODY_OF_KIND = {REPRESENTATIVES: BODY_REPRESENTATIVES, COMMITTEES: BODY_COMMITTEES,
                SUPERVISION: BODY_SUPERVISION}
ADULT_AGE = 18

PRESENT, EXCUSED, ABSENT = "实到", "请假", "缺席"
ATTENDANCE = (PRESENT, EXCUSED, ABSENT)
YES, NO, ABSTAIN = "同意", "反对", "弃权"

PLANNED, HELD, CLOSED = "planned", "held", "closed"
STATUSES = (PLANNED, HELD, CLOSED)
STATUS_LABELS = {PLANNED: N_("planned"), HELD: N_("held"), CLOSED: N_("closed")}

CONCERN_OPEN, CONCERN_CLOSED = "open", "closed"


class Meeting(Record, table=True):
    """一次会议. A closed meeting is never edited; a correction is a new meeting that
    names the one it corrects and why."""

    __tablename__ = "meetings"
    kind: str = Field(index=True)
    title: str
    held_at: dt.datetime = Field(index=True)  # UTC
    place: str = ""
    status: str = PLANNED
    minutes: str = ""  # 会议记录
    chair: str = ""  # 主持人
    recorder: str = ""  # 记录人
    corrects_uuid: Optional[str] = Field(default=None, index=True)
    correction_reason: str = ""
    created_at: dt.datetime
    created_by: str = ""
    closed_at: Optional[dt.datetime] = None


class Attendance(Record, table=True):
    """One expected person (应到) and whether they came (实到 / 请假 / 缺席)."""

    __tablename__ = "meeting_attendance"
    meeting_uuid: str = Field(foreign_key="meetings.uuid", index=True)
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    name: str  # as on the day, for the sign-in sheet
    household_uuid: Optional[str] = None  # for the 村民会议 household rule
    status: str = ABSENT
    position: int = 0


class AgendaItem(Record, table=True):
    """议题, with its vote (同意 / 反对 / 弃权; empty when not voted) and 决议."""

    __tablename__ = "meeting_items"
    meeting_uuid: str = Field(foreign_key="meetings.uuid", index=True)
    position: int = 0
    title: str
    votes_yes: Optional[int] = None
    votes_no: Optional[int] = None
    votes_abstain: Optional[int] = None
    resolution: str = ""

    @property
    def voted(self) -> bool:
        return self.votes_yes is not None


class Membership(Record, table=True):
    """A person's seat in a body (村民代表 with the households they represent, 两委, 监委会)."""

    __tablename__ = "meeting_members"
    body: str = Field(index=True)
    person_uuid: str = Field(foreign_key="persons.uuid", index=True)
    role: str = ""  # e.g. 书记, 主任, 委员
    since: dt.date
    until: Optional[dt.date] = None
    households: str = "[]"  # JSON list of household uuids a 村民代表 represents
    notes: str = ""

    def active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or self.until >= day)

    @property
    def household_list(self) -> list[str]:
        return json.loads(self.households or "[]")


class MeetingRules(Record, table=True):
    """This village's quorum and passing rules for one kind of meeting, overriding the law's
    defaults. Thresholds are written like ">1/2" (more than half) or ">=2/3" (at least)."""

    __tablename__ = "meeting_rules"
    kind: str = Field(unique=True)
    quorum: str = ""  # "" = no quorum needed
    households: str = ""  # 村民会议: the alternative by households represented
    passing: str = ">1/2"


class Concern(Record, table=True):
    """民情诉求: raised by a villager, answered, followed up until closed."""

    __tablename__ = "concerns"
    meeting_uuid: Optional[str] = Field(default=None, foreign_key="meetings.uuid", index=True)
    person_uuid: Optional[str] = Field(default=None, foreign_key="persons.uuid")
    raised_by: str  # the name, also when the person is not on the roster
    topic: str
    answer: str = ""
    follow_up: str = ""
    status: str = Field(default=CONCERN_OPEN, index=True)
    raised_on: dt.date
    due: Optional[dt.date] = None
    closed_on: Optional[dt.date] = None


# -- the rules ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    """A share of a whole: strictly more than it (">1/2") or at least it (">=2/3").

    Compared with integers only (part·den against whole·num), so 2/3 of 30 is exactly 20.
    """

    share: Fraction
    strict: bool

    @classmethod
    def parse(cls, text: str) -> "Threshold":
        s = (text or "").strip().replace(" ", "").replace("≥", ">=").replace("＞", ">")
        strict = not s.startswith(">=")
        body = s[2:] if s.startswith(">=") else s[1:] if s.startswith(">") else None
        try:
            if body is None:
                raise ValueError
            share = Fraction(body)
        except (ValueError, ZeroDivisionError):
            raise CunwuError("E_MEETING_RULE", value=text) from None
        if not 0 < share <= 1 or (strict and share == 1):
            raise CunwuError("E_MEETING_RULE", value=text)
        return cls(share, strict)

    @property
    def text(self) -> str:
        return (">" if self.strict else ">=") + f"{self.share.numerator}/{self.share.denominator}"

    def met(self, part: int, whole: int) -> bool:
        if whole <= 0:
            return False
        left, right = part * self.share.denominator, whole * self.share.numerator
        return left > right if self.strict else left >= right

    def needed(self, whole: int) -> int:
        """The smallest part that meets the threshold."""
        n, d = whole * self.share.numerator, self.share.denominator
        return n // d + 1 if self.strict else -(-n // d)

    def describe(self) -> str:
        share = f"{self.share.numerator}/{self.share.denominator}"
        if self.share == Fraction(1, 2) and self.strict:
            return _("more than half")
        return (_("more than {share}") if self.strict else _("at least {share}")).format(share=share)


@dataclass(frozen=True)
class KindRules:
    kind: str
    quorum: Threshold | None  # None: anyone may come, no quorum needed
    households: Threshold | None  # 村民会议 only: enough households represented
    passing: Threshold

    @classmethod
    def of(cls, kind: str, quorum: str, households: str, passing: str) -> "KindRules":
        return cls(kind, Threshold.parse(quorum) if quorum else None,
                   Threshold.parse(households) if households else None, Threshold.parse(passing))


# Defaults from 村民委员会组织法 and common local rules (DOMAIN.md); a village overrides them
# with MeetingRules rows.
DEFAULT_RULES = {
    VILLAGERS: (">1/2", ">=2/3", ">1/2"),
    REPRESENTATIVES: (">=2/3", "", ">1/2"),
    PARTY: (">=2/3", "", ">1/2"),
    COMMITTEES: (">1/2", "", ">1/2"),
    SUPERVISION: (">1/2", "", ">1/2"),
    HEARING: ("", "", ">1/2"),
    CONSULTATION: ("", "", ">1/2"),
}


def default_rules(kind: str) -> KindRules:
    return KindRules.of(kind, *DEFAULT_RULES[kind])


@dataclass(frozen=True)
class Counts:
    expected: int
    present: int
    excused: int
    households_expected: int = 0
    households_present: int = 0

    @property
    def absent(self) -> int:
        return self.expected - self.present - self.excused


@dataclass(frozen=True)
class Verdict:
    met: bool
    by: str  # "persons", "households", "none" (no quorum needed) or "" (not met)
    needed: int  # persons needed for the quorum (0 when none is needed)


def quorum(rules: KindRules, c: Counts) -> Verdict:
    if rules.quorum is None:
        return Verdict(True, "none", 0)
    needed = rules.quorum.needed(c.expected)
    if rules.quorum.met(c.present, c.expected):
        return Verdict(True, "persons", needed)
    if rules.households is not None and rules.households.met(c.households_present,
                                                              c.households_expected):
        return Verdict(True, "households", needed)
    return Verdict(False, "", needed)


def passed(rules: KindRules, present: int, yes: int) -> bool:
    """A decision needs its share of those present (not of the votes cast)."""
    return rules.passing.met(yes, present)


def rule_text(rules: KindRules, c: Counts) -> str:
    """The rule in words, with the numbers of this meeting."""
    if rules.quorum is None:
        head = _("no quorum needed")
    else:
        head = _("quorum: {share} of {expected} expected present ({needed} needed)").format(
            share=rules.quorum.describe(), expected=c.expected,
            needed=rules.quorum.needed(c.expected))
        if rules.households is not None:
            head += _(", or {share} of {households} households represented ({needed} needed)").format(
                share=rules.households.describe(), households=c.households_expected,
                needed=rules.households.needed(c.households_expected))
    return head + _("; a decision needs {share} of those present ({needed} of {present})").format(
        share=rules.passing.describe(), needed=rules.passing.needed(c.present), present=c.present)


def clean_kind(raw: object) -> str:
    text = str(raw or "").strip()
    text = KIND_ALIASES.get(text, text)
    if text not in KINDS:
        raise CunwuError("E_MEETING_KIND", value=str(raw or ""), allowed="、".join(KINDS))
    return text


def clean_body(raw: object) -> str:
    text = str(raw or "").strip()
    if text not in BODIES:
        raise CunwuError("E_MEETING_BODY", value=text, allowed="、".join(BODIES))
    return text


def utc(moment: dt.datetime) -> dt.datetime:
    """A stored time (SQLite keeps it without its zone) as the UTC moment it is."""
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day of a moment on this PC's clock (the village's time)."""
    return utc(moment).astimezone().date()


def parse_held_at(raw: object) -> dt.datetime:
    """'2026-11-20T09:00' in the village's (this PC's) time, as an aware UTC moment."""
    if isinstance(raw, dt.datetime):
        moment = raw
    else:
        try:
            moment = dt.datetime.fromisoformat(str(raw or "").strip())
        except ValueError:
            raise CunwuError("E_MEETING_TIME", value=str(raw or "")) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the PC's local zone
    return moment.astimezone(dt.timezone.utc)
