"""The demo village's meetings: a year of them, memberships, concerns, two matters under way."""

from __future__ import annotations

import datetime as dt
import random

from cunwu.services import concerns, matters, meeting_queries
from cunwu.services.meetings_demo import populate
from cunwu.services.residents_demo import populate_demo as residents


def test_demo_meetings(store, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    rng = random.Random(7)
    residents(store, admin, rng)
    populate(store, admin, rng)
    rows = meeting_queries.list_meetings(store)
    kinds = {r["kind"] for r in rows}
    assert len(rows) >= 30 and len(kinds) == 7
    held = sorted(r["held_at"] for r in rows if r["status"] != "planned")
    assert held[0] < "2026-01-01" and held[-1] <= "2026-11-22"
    assert any(not r["quorum_met"] for r in rows if r["status"] != "planned")
    states = sorted((m["status"], m["next_step"]) for m in matters.list_matters(store))
    assert states == [("decided", "publish_resolution"), ("in_progress", "review")]
    today = dt.date(2026, 11, 22)
    assert matters.home_supervision(store, admin, today)
    assert concerns.list_concerns(store, open_only=True)


def test_home_page_lists_concerns_and_follow_ups(store, clerk, monkeypatch):
    from cunwu.services import home

    monkeypatch.setattr(home, "PROVIDERS", [p for p in home.PROVIDERS
                                            if p.startswith(("cunwu.services.concerns:",
                                                             "cunwu.services.matters:"))])
    assert len(home.PROVIDERS) == 2, "the meetings' home providers are listed"
    concerns.add_concern(store, clerk, {"raised_by": "王大妈", "topic": "路灯不亮", "due": "2026-11-30"})
    items = home.home_items(store, clerk, dt.date(2026, 11, 22))
    assert [(i["kind"], i["due"]) for i in items] == [("due", dt.date(2026, 11, 30))]
    assert items[0]["target"].startswith("meetings:concern:")
