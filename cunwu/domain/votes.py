"""The vote on an agenda item (表决) and the meeting verdict it is judged by: the one place
votes are checked and their results worked out, for the services and the window alike."""

from __future__ import annotations

from typing import Iterable, NamedTuple

from cunwu.domain import meetings as m
from cunwu.errors import CunwuError

# How a vote stands (the editor's result column); a vote that stands is valid only with a
# quorum and passes by the passing share of those present.
NOT_A_NUMBER, TOO_MANY, NO_QUORUM, PASSED, NOT_PASSED = (
    "not_a_number", "too_many", "no_quorum", "passed", "not_passed")


def check_votes(yes, no, abstain, present: int) -> tuple[int, int, int]:
    """Whole, non-negative votes that do not add up to more than those present."""
    out = []
    for value in (yes, no, abstain):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            try:
                value = int(str(value).strip() or "0")
            except ValueError:
                raise CunwuError("E_MEETING_VOTES_NUMBER", value=str(value)) from None
            if value < 0:
                raise CunwuError("E_MEETING_VOTES_NUMBER", value=str(value))
        out.append(value)
    if sum(out) > present:
        raise CunwuError("E_MEETING_VOTES_EXCEED", total=sum(out), present=present)
    return out[0], out[1], out[2]


def counts_of(statuses: Iterable[tuple[str | None, str]]) -> m.Counts:
    """The counts of an attendance list given as (household, 实到/请假/缺席), one per person."""
    rows = list(statuses)
    present = [h for h, s in rows if s == m.PRESENT]
    return m.Counts(expected=len(rows), present=len(present),
                    excused=sum(1 for _h, s in rows if s == m.EXCUSED),
                    households_expected=len({h for h, _s in rows if h}),
                    households_present=len({h for h in present if h}))


class MeetingVerdict(NamedTuple):
    """A meeting's counts, whether it had a quorum, and the rules both were judged by."""

    counts: m.Counts
    quorum: m.Verdict
    rules: m.KindRules

    @classmethod
    def of(cls, rules: m.KindRules, counts: m.Counts) -> "MeetingVerdict":
        return cls(counts, m.quorum(rules, counts), rules)

    @classmethod
    def of_rows(cls, rules: m.KindRules, rows: Iterable[m.Attendance]) -> "MeetingVerdict":
        return cls.of(rules, counts_of((r.household_uuid, r.status) for r in rows))

    @property
    def rule_text(self) -> str:
        return m.rule_text(self.rules, self.counts)

    def vote(self, yes, no, abstain) -> str:
        """How a vote stands as typed, without refusing it: its numbers, then the quorum,
        then the passing share of those present (not of the votes cast)."""
        try:
            votes = check_votes(yes, no, abstain, self.counts.present)
        except CunwuError as e:
            return TOO_MANY if e.code == "E_MEETING_VOTES_EXCEED" else NOT_A_NUMBER
        if not self.quorum.met:
            return NO_QUORUM
        return PASSED if m.passed(self.rules, self.counts.present, votes[0]) else NOT_PASSED

    def checked(self, yes, no, abstain) -> tuple[int, int, int]:
        """The votes to record, or the reason they cannot be: no quorum, then the numbers."""
        if not self.quorum.met:
            raise CunwuError("E_MEETING_NO_QUORUM_VOTE", rule=self.rule_text)
        return check_votes(yes, no, abstain, self.counts.present)

    def item_passed(self, item: m.AgendaItem) -> bool:
        return item.voted and self.vote(item.votes_yes, item.votes_no, item.votes_abstain) == PASSED
