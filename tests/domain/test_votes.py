"""One vote rule: how a vote stands (the editor's result) and what may be recorded (the
services) come from the same meeting verdict."""

from __future__ import annotations

import pytest

from cunwu.domain import meetings as m
from cunwu.domain import votes
from cunwu.errors import CunwuError


def _verdict(present: int, expected: int = 30) -> votes.MeetingVerdict:
    statuses = [(None, m.PRESENT)] * present + [(None, m.ABSENT)] * (expected - present)
    return votes.MeetingVerdict.of(m.default_rules(m.REPRESENTATIVES), votes.counts_of(statuses))


def test_counts_of_an_attendance_list():
    c = votes.counts_of([("h1", m.PRESENT), ("h1", m.EXCUSED), ("h2", m.ABSENT), (None, m.PRESENT)])
    assert (c.expected, c.present, c.excused, c.absent) == (4, 2, 1, 1)
    assert (c.households_expected, c.households_present) == (2, 1)


def test_a_vote_stands_by_its_numbers_then_the_quorum_then_the_share_of_those_present():
    v = _verdict(20)
    assert v.quorum.met and v.counts.present == 20
    assert v.vote(16, 3, 1) == votes.PASSED
    assert v.vote(10, 10, 0) == votes.NOT_PASSED
    assert v.vote(15, 6, 0) == votes.TOO_MANY
    assert v.vote("x", "", "") == votes.NOT_A_NUMBER
    assert v.vote("11", "", " ") == votes.PASSED  # typed text, blanks as none
    no_quorum = _verdict(19)
    assert no_quorum.vote(19, 0, 0) == votes.NO_QUORUM
    assert no_quorum.vote(15, 6, 0) == votes.TOO_MANY


def test_only_votes_at_a_meeting_with_a_quorum_are_recorded():
    assert _verdict(20).checked("16", 3, 1) == (16, 3, 1)
    with pytest.raises(CunwuError) as e:
        _verdict(19).checked(15, 6, 0)
    assert e.value.code == "E_MEETING_NO_QUORUM_VOTE" and "20 needed" in e.value.message
    with pytest.raises(CunwuError) as e:
        _verdict(20).checked(15, 6, 0)
    assert e.value.code == "E_MEETING_VOTES_EXCEED"
