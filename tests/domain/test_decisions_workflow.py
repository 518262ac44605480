"""四议两公开 as a pure workflow: in order, no step skipped, rejections end or return."""

from __future__ import annotations

import itertools

import pytest

from cunwu.domain import decisions as d
from cunwu.errors import CunwuError

A, R = d.APPROVED, d.REJECTED


def test_all_six_steps_in_order_finish_the_matter():
    pos = d.start()
    for i, step in enumerate(d.STEPS):
        pos = d.move(pos, step, A, "", i)
        if step == d.RESOLVE:
            assert pos.status == d.DECIDED
    assert pos.status == d.DONE and pos.next_step == ""
    assert set(pos.states.values()) == {d.STEP_DONE}


@pytest.mark.parametrize("done", range(len(d.STEPS)))
def test_every_skip_is_refused(done):
    """After `done` steps, every step other than the next one is refused."""
    pos = d.replay([(s, A, "") for s in d.STEPS[:done]])
    for step in d.STEPS:
        if step == d.STEPS[done]:
            continue
        with pytest.raises(CunwuError) as e:
            d.move(pos, step, A)
        assert e.value.code == "E_MATTER_STEP_ORDER"


def test_rejection_ends_the_matter():
    pos = d.replay([(d.PROPOSE, A, ""), (d.CONSULT, A, ""), (d.REVIEW, R, "")])
    assert pos.status == d.ENDED and pos.states[d.REVIEW] == d.STEP_REJECTED
    with pytest.raises(CunwuError) as e:
        d.move(pos, d.RESOLVE, A)
    assert e.value.code == "E_MATTER_FINISHED"


def test_rejection_returns_to_an_earlier_step():
    pos = d.replay([(d.PROPOSE, A, ""), (d.CONSULT, A, ""), (d.REVIEW, R, d.CONSULT)])
    assert pos.status == d.IN_PROGRESS and pos.next_step == d.CONSULT
    # the rejection stays visible on the board until the step is taken again
    assert pos.states[d.CONSULT] == d.STEP_CURRENT and pos.states[d.REVIEW] == d.STEP_REJECTED
    assert pos.states[d.RESOLVE] == d.STEP_PENDING
    pos = d.replay([(d.PROPOSE, A, ""), (d.CONSULT, A, ""), (d.REVIEW, R, d.CONSULT),
                    (d.CONSULT, A, ""), (d.REVIEW, A, ""), (d.RESOLVE, A, "")])
    assert pos.status == d.DECIDED and pos.next_step == d.PUBLISH_RESOLUTION


def test_return_cannot_go_forwards_nor_follow_an_approval():
    pos = d.replay([(d.PROPOSE, A, "")])
    with pytest.raises(CunwuError):
        d.move(pos, d.CONSULT, R, d.RESOLVE)
    with pytest.raises(CunwuError):
        d.move(pos, d.CONSULT, A, d.PROPOSE)


def test_any_history_of_valid_moves_never_skips():
    """Brute force over short histories: a step is only ever approved after the one before."""
    for results in itertools.product((A, R + ":end", R + ":back"), repeat=5):
        pos = d.start()
        for res in results:
            if pos.status in (d.DONE, d.ENDED):
                break
            step = pos.next_step
            i = d.STEPS.index(step)
            if res == A:
                assert all(pos.states[s] == d.STEP_DONE for s in d.STEPS[:i])
                pos = d.move(pos, step, A)
            elif res.endswith("end"):
                pos = d.move(pos, step, R)
            else:
                pos = d.move(pos, step, R, d.STEPS[max(i - 1, 0)])
