"""四议两公开: a major village matter moves step by step from the party organisation's proposal
to the disclosure of its implementation, and is followed up (督办) once decided.

The steps taken are an append-only history; `replay` derives where a matter stands from it,
so a rejection that returns a matter to an earlier step keeps the record of what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from sqlmodel import Field

from cunwu.domain import meetings as m
from cunwu.errors import CunwuError
from cunwu.i18n import N_, _
from cunwu.store.tables import Record

PROPOSE, CONSULT, REVIEW, RESOLVE, PUBLISH_RESOLUTION, PUBLISH_RESULT = (
    "propose", "consult", "review", "resolve", "publish_resolution", "publish_result")
STEPS = (PROPOSE, CONSULT, REVIEW, RESOLVE, PUBLISH_RESOLUTION, PUBLISH_RESULT)
STEP_NAMES = {PROPOSE: "村党组织提议", CONSULT: '村"两委"会议商议', REVIEW: "党员大会审议",
              RESOLVE: "村民会议或村民代表会议决议", PUBLISH_RESOLUTION: "决议公开",
              PUBLISH_RESULT: "实施结果公开"}
# Short names for narrow places (the board's column heads).
STEP_SHORT = {PROPOSE: "①提议", CONSULT: "②商议", REVIEW: "③审议", RESOLVE: "④决议",
              PUBLISH_RESOLUTION: "⑤决议公开", PUBLISH_RESULT: "⑥结果公开"}
# Which meetings may carry a step (None: a disclosure, not a meeting); the proposal may
# come from any meeting of the party organisation or the committees, or none.
STEP_KINDS: dict[str, frozenset[str] | None] = {
    PROPOSE: frozenset({m.COMMITTEES, m.PARTY}),
    CONSULT: frozenset({m.COMMITTEES}),
    REVIEW: frozenset({m.PARTY}),
    RESOLVE: frozenset({m.VILLAGERS, m.REPRESENTATIVES}),
    PUBLISH_RESOLUTION: None,
    PUBLISH_RESULT: None,
}
# Steps whose approval must be a vote that passed at a meeting with a quorum.
VOTED_STEPS = frozenset({REVIEW, RESOLVE})
DISCLOSED_STEPS = frozenset({PUBLISH_RESOLUTION, PUBLISH_RESULT})

APPROVED, REJECTED = "approved", "rejected"
RESULT_LABELS = {APPROVED: N_("approved"), REJECTED: N_("rejected")}
# A matter is in progress, decided (督办 until the result is disclosed), done, or ended.
IN_PROGRESS, DECIDED, DONE, ENDED = "in_progress", "decided", "done", "ended"
MATTER_STATUS_LABELS = {IN_PROGRESS: N_("in progress"), DECIDED: N_("decided, being followed up"),
                        DONE: N_("done"), ENDED: N_("ended")}
# How each step stands in `show`.
STEP_DONE, STEP_REJECTED, STEP_CURRENT, STEP_PENDING = "done", "rejected", "current", "pending"


class Matter(Record, table=True):
    """一项重大村务事项 going through 四议两公开."""

    __tablename__ = "matters"
    title: str
    description: str = ""
    status: str = Field(default=IN_PROGRESS, index=True)
    next_step: str = PROPOSE  # "" once done or ended
    due: Optional[dt.date] = None  # 督办: implementation due
    responsible: str = ""  # 责任人
    created_at: dt.datetime
    created_by: str = ""


class MatterStep(Record, table=True):
    """One step taken (or refused) on a matter. Never edited."""

    __tablename__ = "matter_steps"
    matter_uuid: str = Field(foreign_key="matters.uuid", index=True)
    seq: int
    step: str
    result: str  # approved / rejected
    return_to: str = ""  # a rejected step that sends the matter back names the step here
    meeting_uuid: Optional[str] = Field(default=None, foreign_key="meetings.uuid")
    item_uuid: Optional[str] = None
    disclosure_uuid: Optional[str] = None  # disclosures live in their own subject; linked by UUID
    on: dt.date
    note: str = ""
    at: dt.datetime
    actor: str = ""


class MatterFollowUp(Record, table=True):
    """督办记录: a note on how implementation goes, possibly moving the due date."""

    __tablename__ = "matter_followups"
    matter_uuid: str = Field(foreign_key="matters.uuid", index=True)
    on: dt.date
    note: str
    new_due: Optional[dt.date] = None
    at: dt.datetime
    actor: str = ""


@dataclass
class Position:
    """Where a matter stands after its history: status, the next step, each step's state."""

    status: str = IN_PROGRESS
    next_step: str = PROPOSE
    states: dict[str, str] = field(default_factory=lambda: {s: STEP_PENDING for s in STEPS})
    latest: dict[str, int] = field(default_factory=dict)  # step -> index of its entry in force


def clean_step(raw: object) -> str:
    text = str(raw or "").strip()
    by_name = {v: k for k, v in STEP_NAMES.items()}
    text = by_name.get(text, text)
    if text not in STEPS:
        raise CunwuError("E_MATTER_STEP", value=str(raw or ""), allowed=", ".join(STEPS))
    return text


def check_move(pos: Position, step: str, result: str, return_to: str = "") -> None:
    """Refuse a step out of order, a step on a finished matter, a return forwards."""
    if pos.status in (DONE, ENDED):
        raise CunwuError("E_MATTER_FINISHED", status=_(MATTER_STATUS_LABELS[pos.status]))
    if step != pos.next_step:
        raise CunwuError("E_MATTER_STEP_ORDER", step=STEP_NAMES[step],
                         expected=STEP_NAMES[pos.next_step])
    if result not in (APPROVED, REJECTED):
        raise CunwuError("E_MATTER_RESULT", value=result)
    if return_to:
        if result != REJECTED:
            raise CunwuError("E_MATTER_RETURN", step=STEP_NAMES[step], to=return_to)
        if return_to not in STEPS or STEPS.index(return_to) > STEPS.index(step):
            raise CunwuError("E_MATTER_RETURN", step=STEP_NAMES[step], to=return_to)


def move(pos: Position, step: str, result: str, return_to: str = "", index: int = 0) -> Position:
    """The position after one step (checked by check_move first)."""
    check_move(pos, step, result, return_to)
    states, latest = dict(pos.states), dict(pos.latest)
    latest[step] = index
    if result == APPROVED:
        states[step] = STEP_DONE
        i = STEPS.index(step)
        if i + 1 == len(STEPS):
            return Position(DONE, "", states, latest)
        states[STEPS[i + 1]] = STEP_CURRENT
        status = DECIDED if i >= STEPS.index(RESOLVE) else IN_PROGRESS
        return Position(status, STEPS[i + 1], states, latest)
    states[step] = STEP_REJECTED
    if not return_to:
        return Position(ENDED, "", states, latest)
    # Back to an earlier step: it and everything after it are taken again.
    for s in STEPS[STEPS.index(return_to):]:
        if s != step:
            states[s] = STEP_PENDING
            latest.pop(s, None)
    states[return_to] = STEP_CURRENT
    status = DECIDED if STEPS.index(return_to) > STEPS.index(RESOLVE) else IN_PROGRESS
    return Position(status, return_to, states, latest)


def start() -> Position:
    pos = Position()
    pos.states[PROPOSE] = STEP_CURRENT
    return pos


def replay(history: list[tuple[str, str, str]]) -> Position:
    """The position after (step, result, return_to) entries in order."""
    pos = start()
    for i, (step, result, return_to) in enumerate(history):
        pos = move(pos, step, result, return_to, i)
    return pos
