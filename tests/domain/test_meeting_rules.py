"""Quorum and passing rules against the rational rule (fractions.Fraction), for every size."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cunwu.domain import meetings as m
from cunwu.domain import votes
from cunwu.errors import CunwuError

SIZES = st.integers(min_value=1, max_value=400)


def _rational(part: int, whole: int, share: Fraction, strict: bool) -> bool:
    ratio = Fraction(part, whole)
    return ratio > share if strict else ratio >= share


@given(whole=SIZES, data=st.data(),
       share=st.fractions(min_value=Fraction(1, 10), max_value=Fraction(1), max_denominator=12),
       strict=st.booleans())
def test_threshold_matches_the_rational_rule(whole, data, share, strict):
    if strict and share == 1:
        strict = False
    t = m.Threshold(share, strict)
    part = data.draw(st.integers(min_value=0, max_value=whole))
    assert t.met(part, whole) == _rational(part, whole, share, strict)
    needed = t.needed(whole)
    assert t.met(needed, whole) and (needed == 0 or not t.met(needed - 1, whole))


@given(expected=SIZES, data=st.data())
def test_representatives_quorum_and_passing(expected, data):
    rules = m.default_rules(m.REPRESENTATIVES)
    present = data.draw(st.integers(min_value=0, max_value=expected))
    yes = data.draw(st.integers(min_value=0, max_value=present))
    v = m.quorum(rules, m.Counts(expected, present, 0))
    assert v.met == (Fraction(present, expected) >= Fraction(2, 3))
    if present:
        assert m.passed(rules, present, yes) == (Fraction(yes, present) > Fraction(1, 2))
    else:
        assert not m.passed(rules, present, yes)


@given(adults=SIZES, data=st.data())
def test_villagers_meeting_by_adults_or_by_households(adults, data):
    rules = m.default_rules(m.VILLAGERS)
    present = data.draw(st.integers(min_value=0, max_value=adults))
    households = data.draw(st.integers(min_value=1, max_value=adults))
    represented = data.draw(st.integers(min_value=0, max_value=households))
    v = m.quorum(rules, m.Counts(adults, present, 0, households, represented))
    by_adults = Fraction(present, adults) > Fraction(1, 2)
    by_households = Fraction(represented, households) >= Fraction(2, 3)
    assert v.met == (by_adults or by_households)
    assert v.by == ("persons" if by_adults else "households" if by_households else "")


@given(expected=SIZES, data=st.data())
def test_party_congress(expected, data):
    rules = m.default_rules(m.PARTY)
    present = data.draw(st.integers(min_value=0, max_value=expected))
    assert m.quorum(rules, m.Counts(expected, present, 0)).met == (3 * present >= 2 * expected)


def test_the_examples_from_the_law():
    rules = m.default_rules(m.REPRESENTATIVES)
    assert not m.quorum(rules, m.Counts(30, 19, 0)).met
    assert m.quorum(rules, m.Counts(30, 20, 0)).met
    assert not m.passed(rules, 30, 15)
    assert m.passed(rules, 30, 16)
    assert m.quorum(rules, m.Counts(30, 19, 0)).needed == 20


def test_open_meetings_need_no_quorum():
    assert m.quorum(m.default_rules(m.HEARING), m.Counts(0, 0, 0)).met


@pytest.mark.parametrize("text,share,strict", [(">1/2", Fraction(1, 2), True),
                                                (">=2/3", Fraction(2, 3), False),
                                                ("≥ 3/4", Fraction(3, 4), False)])
def test_rule_text_round_trip(text, share, strict):
    t = m.Threshold.parse(text)
    assert (t.share, t.strict) == (share, strict)
    assert m.Threshold.parse(t.text) == t


@pytest.mark.parametrize("text", ["1/2", ">0", ">1", ">=3/2", "abc", ">1/0"])
def test_bad_rules_are_refused(text):
    with pytest.raises(CunwuError) as e:
        m.Threshold.parse(text)
    assert e.value.code == "E_MEETING_RULE"


def test_votes_may_not_exceed_those_present():
    assert votes.check_votes(10, 3, 2, 15) == (10, 3, 2)
    with pytest.raises(CunwuError) as e:
        votes.check_votes(10, 3, 3, 15)
    assert e.value.code == "E_MEETING_VOTES_EXCEED"
    with pytest.raises(CunwuError):
        votes.check_votes(-1, 0, 0, 15)


@pytest.mark.parametrize("kind", [m.REPRESENTATIVES, m.PARTY, m.COMMITTEES])
def test_every_size_up_to_three_hundred(kind):
    """Exhaustively, not only by sampling: each (present, expected) and (yes, present) pair."""
    rules = m.default_rules(kind)
    q, p = rules.quorum, rules.passing
    for whole in range(1, 301):
        for part in range(whole + 1):
            assert m.quorum(rules, m.Counts(whole, part, 0)).met == _rational(part, whole, q.share, q.strict)
            assert m.passed(rules, whole, part) == _rational(part, whole, p.share, p.strict)
