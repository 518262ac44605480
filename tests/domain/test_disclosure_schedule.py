"""The schedule: 财务 monthly or quarterly, 村务 quarterly, relief lists when they change."""

import datetime as dt

from cunwu.domain.schedule import Posted, due_items, periods

D = dt.date


def _due(notices, today=D(2026, 11, 22), **kw):
    args = dict(today=today, start=D(2026, 1, 1), notices=notices, finance_every="month",
                affairs_every="quarter", due_within_days=10, relief_within_days=10)
    args.update(kw)
    return due_items(**args)


def test_periods_end_before_today():
    assert periods(D(2026, 2, 15), D(2026, 7, 1), "quarter") == [
        (D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30))]
    assert len(periods(D(2026, 1, 1), D(2026, 11, 22), "month")) == 10


def test_everything_missing_is_due_or_overdue():
    items = _due([])
    finance = [i for i in items if i.kind == "finance"]
    affairs = [i for i in items if i.kind == "affairs"]
    assert len(finance) == 10 and len(affairs) == 3
    october = finance[-1]
    assert october.period_from == D(2026, 10, 1) and october.due == D(2026, 11, 10)
    assert october.overdue
    assert "2026年10月财务公开" == october.title


def test_posted_notices_satisfy_the_schedule():
    posted = [Posted("finance", "财务", D(2026, 1, 1), D(2026, 12, 31), "posted", D(2026, 1, 5))]
    posted += [Posted("free", "村务", D(2026, m, 1), D(2026, m, 28), "period_over", D(2026, m, 2))
               for m in (2, 5, 8)]
    assert _due(posted) == []


def test_a_draft_does_not_count_and_not_yet_late_is_due():
    drafts = [Posted("finance", "财务", D(2026, 10, 1), D(2026, 10, 31), "draft", None)]
    items = _due(drafts, today=D(2026, 11, 5), start=D(2026, 10, 1), affairs_every="quarter")
    assert [(i.kind, i.overdue) for i in items] == [("finance", False)]  # Q4 not over yet


def test_relief_change_needs_a_new_list():
    posted = [Posted("dibao", "村务", D(2026, 7, 1), D(2026, 9, 30), "posted", D(2026, 7, 3))]
    items = _due(posted, start=D(2026, 11, 1), relief_changed={"dibao": D(2026, 11, 3)})
    assert [(i.kind, i.due, i.overdue) for i in items] == [("dibao", D(2026, 11, 13), True)]
    posted.append(Posted("dibao", "村务", D(2026, 11, 1), D(2026, 11, 30), "posted", D(2026, 11, 5)))
    assert _due(posted, start=D(2026, 11, 1), relief_changed={"dibao": D(2026, 11, 3)}) == []


def test_a_resolved_matter_waits_for_its_decision_notice():
    resolved = [("m-1", "村道硬化", D(2026, 11, 2))]
    items = _due([], start=D(2026, 11, 1), resolved=resolved)
    assert [(i.kind, i.title, i.due, i.overdue) for i in items] == [
        ("decision", "决议公开：村道硬化", D(2026, 11, 12), True)]
    posted = [Posted("decision", "村务", D(2026, 11, 2), D(2026, 11, 2), "posted", D(2026, 11, 3),
                     "m-1")]
    assert _due(posted, start=D(2026, 11, 1), resolved=resolved) == []
