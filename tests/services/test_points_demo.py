"""The demo year of points: activities in every state, approvals by a second user,
redemptions, and balances that agree with the ledger."""

from __future__ import annotations

import random

from cunwu.services import points, points_ledger, points_settings
from cunwu.services.points_demo import populate_demo
from points_support import people


def test_demo_year(store, admin):
    people(store, admin, 40, households=15)
    populate_demo(store, admin, random.Random(3))
    acts = points.activities(store)
    assert {a["state"] for a in acts} == {"entered", "published", "posted"}
    assert all(a["approved_by"] != a["entered_by"] for a in acts if a["approved_by"])
    kinds = {e["kind"] for e in points_ledger.ledger(store)}
    assert kinds == {"earn", "redeem"}
    assert points_ledger.totals_differ(store) == 0
    assert all(b["balance"] >= 0 for b in points_ledger.balances(store, household=True))
    assert points_settings.settings(store).scope == "household"
