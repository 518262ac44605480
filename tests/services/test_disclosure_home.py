"""The home page hears from the disclosure schedule: overdue notices as alerts."""

import datetime as dt

from cunwu.services import disclosures as svc
from cunwu.services import home


def test_home_lists_overdue_disclosures(store, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    monkeypatch.setattr(home, "PROVIDERS", ["cunwu.services.disclosure_schedule:home_items"])
    svc.change_rules(store, admin, schedule_from="2026-10-01")
    items = home.home_items(store, admin)
    assert items == [{"kind": "alert", "title": "Overdue: 2026年10月财务公开",
                      "due": dt.date(2026, 11, 10), "target": "disclosures"}]
