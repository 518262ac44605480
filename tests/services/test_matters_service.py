"""四议两公开 through the services: each step linked to its meeting or disclosure, no skipping,
a rejected vote ends or returns the matter, and 督办 shows on the home page."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.domain import decisions as d
from cunwu.errors import CunwuError
from cunwu.services import matters
from cunwu.services import meetings as svc
from cunwu.services import memberships
from meetings_people import people

HELD = "2026-11-{day:02d}T09:00"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")


@pytest.fixture
def village(store, clerk):
    ps = people(store, clerk, 12, party=9)
    for p in ps[:5]:
        memberships.add_member(store, clerk, "两委", p.uuid, since=dt.date(2024, 1, 1))
    for p in ps:
        memberships.add_member(store, clerk, "村民代表", p.uuid, since=dt.date(2024, 1, 1))
    return ps


def _held(store, clerk, kind, ps, day, yes=None, present=None):
    item = {"title": "修建村口桥"}
    if yes is not None:
        item["votes"] = {"同意": yes, "反对": 0, "弃权": 0}
    return svc.save_meeting(store, clerk, {
        "kind": kind, "title": f"{kind}{day}", "held_at": HELD.format(day=day),
        "present": [p.uuid for p in ps[:present]] if present else None, "items": [item]}).uuid


@pytest.fixture
def posted(store, clerk, supervisor):
    """Two posted notices: the decision and its implementation result."""
    from cunwu.services import disclosures

    out = {}
    for kind in ("decision", "result"):
        n = disclosures.add(store, clerk, {"kind": kind, "title": f"修建村口桥{kind}",
                                           "period": {"from": "2026-11-01", "to": "2026-11-30"},
                                           "body": "内容", "posting_days": 7})
        disclosures.sign_off(store, supervisor, n.uuid)
        disclosures.post(store, clerk, n.uuid)
        out[kind] = n.uuid
    return out


def test_a_matter_goes_through_all_six_steps(store, clerk, village, posted):
    ps = village
    mt = matters.add_matter(store, clerk, {"title": "修建村口桥", "due": "2026-12-31", "responsible": "张主任"})
    with pytest.raises(CunwuError) as e:
        matters.advance(store, clerk, mt.uuid, "consult", meeting=_held(store, clerk, '村"两委"联席会议', ps[:5], 2))
    assert e.value.code == "E_MATTER_STEP_ORDER"
    matters.advance(store, clerk, mt.uuid, "propose")
    matters.advance(store, clerk, mt.uuid, "consult", meeting=_held(store, clerk, '村"两委"联席会议', ps[:5], 3, present=4))
    with pytest.raises(CunwuError) as e:  # the 党员大会 needs a passed vote
        matters.advance(store, clerk, mt.uuid, "review", meeting=_held(store, clerk, "党员大会", ps, 5, present=7))
    assert e.value.code == "E_MATTER_VOTE_NEEDED"
    matters.advance(store, clerk, mt.uuid, "review", meeting=_held(store, clerk, "党员大会", ps, 6, yes=7, present=7))
    shown = matters.advance(store, clerk, mt.uuid, "resolve",
                            meeting=_held(store, clerk, "村民代表会议", ps, 10, yes=9, present=10))
    assert shown["status"] == d.DECIDED
    items = matters.home_supervision(store, clerk, dt.date(2026, 11, 22))
    assert [i["kind"] for i in items] == ["due"] and items[0]["due"] == dt.date(2026, 12, 31)
    assert matters.home_supervision(store, clerk, dt.date(2027, 1, 2))[0]["kind"] == "alert"
    with pytest.raises(CunwuError) as e:  # a disclosure step needs a disclosure
        matters.advance(store, clerk, mt.uuid, "publish_resolution", meeting=_held(store, clerk, "村民代表会议", ps, 11, present=9))
    assert e.value.code == "E_MATTER_LINK"
    with pytest.raises(CunwuError) as e:
        matters.advance(store, clerk, mt.uuid, "publish_resolution", disclosure="no-such-uuid")
    assert e.value.code == "E_MATTER_DISCLOSURE_NOT_FOUND"
    matters.follow_up(store, clerk, mt.uuid, "施工队已进场", new_due="2027-01-15")
    from cunwu.services import disclosures

    draft = disclosures.add(store, clerk, {"kind": "decision", "title": "草稿", "body": "内容",
                                           "period": {"from": "2026-11-01", "to": "2026-11-30"}})
    with pytest.raises(CunwuError) as e:  # a notice not yet on the wall has not disclosed anything
        matters.advance(store, clerk, mt.uuid, "publish_resolution", disclosure=draft.uuid)
    assert e.value.code == "E_MATTER_DISCLOSURE_NOT_POSTED"
    with pytest.raises(CunwuError) as e:  # the result notice is not the decision notice
        matters.advance(store, clerk, mt.uuid, "publish_resolution", disclosure=posted["result"])
    assert e.value.code == "E_MATTER_DISCLOSURE_KIND"
    matters.advance(store, clerk, mt.uuid, "publish_resolution", disclosure=posted["decision"])
    shown = matters.advance(store, clerk, mt.uuid, "publish_result", disclosure=posted["result"])
    assert shown["status"] == d.DONE and shown["due"] == "2027-01-15"
    assert [s["state"] for s in shown["steps"]] == ["done"] * 6
    assert matters.home_supervision(store, clerk, dt.date(2027, 2, 1)) == []


def test_every_skip_is_refused_at_every_stage(store, clerk, village):
    ps = village
    mt = matters.add_matter(store, clerk, {"title": "桥"})
    meetings = {"consult": _held(store, clerk, '村"两委"联席会议', ps[:5], 3, present=4),
                "review": _held(store, clerk, "党员大会", ps, 6, yes=7, present=7),
                "resolve": _held(store, clerk, "村民代表会议", ps, 10, yes=9, present=10)}
    for i, step in enumerate(d.STEPS[:4]):
        for later in d.STEPS[i + 1:]:
            with pytest.raises(CunwuError) as e:
                matters.advance(store, clerk, mt.uuid, later, meeting=meetings.get(later),
                                disclosure="x" if later.startswith("publish") else None)
            assert e.value.code == "E_MATTER_STEP_ORDER", (step, later)
        matters.advance(store, clerk, mt.uuid, step, meeting=meetings.get(step))


def test_a_rejected_vote_ends_the_matter_or_returns_it(store, clerk, village):
    ps = village
    ended = matters.add_matter(store, clerk, {"title": "卖集体林地"})
    matters.advance(store, clerk, ended.uuid, "propose")
    matters.advance(store, clerk, ended.uuid, "consult", meeting=_held(store, clerk, '村"两委"联席会议', ps[:5], 3, present=5))
    congress = _held(store, clerk, "党员大会", ps, 6, yes=3, present=7)
    with pytest.raises(CunwuError) as e:  # the vote failed: it cannot be called approved
        matters.advance(store, clerk, ended.uuid, "review", meeting=congress, result="approved")
    assert e.value.code == "E_MATTER_RESULT_VOTE"
    shown = matters.advance(store, clerk, ended.uuid, "review", meeting=congress)
    assert shown["status"] == d.ENDED and shown["steps"][2]["state"] == "rejected"
    with pytest.raises(CunwuError) as e:
        matters.advance(store, clerk, ended.uuid, "resolve", meeting=congress)
    assert e.value.code == "E_MATTER_FINISHED"

    back = matters.add_matter(store, clerk, {"title": "调整方案"})
    matters.advance(store, clerk, back.uuid, "propose")
    matters.advance(store, clerk, back.uuid, "consult", meeting=_held(store, clerk, '村"两委"联席会议', ps[:5], 4, present=5))
    shown = matters.advance(store, clerk, back.uuid, "review", meeting=congress, return_to="consult")
    assert shown["status"] == d.IN_PROGRESS and shown["next_step"] == "consult"
    assert [h["result"] for h in shown["history"]] == ["approved", "approved", "rejected"]


def test_a_meeting_without_quorum_cannot_approve(store, clerk, village):
    ps = village
    mt = matters.add_matter(store, clerk, {"title": "桥"})
    matters.advance(store, clerk, mt.uuid, "propose")
    thin = _held(store, clerk, '村"两委"联席会议', ps[:5], 3, present=2)
    with pytest.raises(CunwuError) as e:
        matters.advance(store, clerk, mt.uuid, "consult", meeting=thin)
    assert e.value.code == "E_MATTER_INVALID_MEETING"
    with pytest.raises(CunwuError) as e:  # and a meeting of the wrong kind is refused
        matters.advance(store, clerk, mt.uuid, "consult", meeting=_held(store, clerk, "党员大会", ps, 6, present=7))
    assert e.value.code == "E_MATTER_MEETING_KIND"
