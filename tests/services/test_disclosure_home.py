"""The home page hears from the disclosure schedule: overdue notices as alerts."""

import datetime as dt

from cunwu.services import disclosures as svc
from cunwu.services import home


def test_home_lists_overdue_disclosures(store, admin, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    monkeypatch.setattr(home, "PROVIDERS", ["cunwu.services.disclosure_schedule:home_items"])
    svc.change_rules(store, admin, schedule_from="2026-10-01")
    items = home.home_items(store, admin)
    assert items == [{"kind": "alert", "category": "Disclosure", "title": "Overdue: 2026年10月财务公开",
                      "due": dt.date(2026, 11, 10), "target": "disclosures",
                      "first": False, "key": ""}]  # not a case of mine; no alert key


def test_a_resolved_matter_is_due_until_its_decision_is_posted(store, admin, clerk, supervisor,
                                                               monkeypatch):
    from cunwu import clock
    from cunwu.domain.decisions import Matter, MatterStep
    from cunwu.services.disclosure_schedule import due

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    svc.change_rules(store, admin, schedule_from="2026-11-01")
    now = clock.now_utc()
    with store.write(admin, "test.matter") as uow:
        matter = uow.add(Matter(title="村道硬化", next_step="publish_resolution", created_at=now))
        uow.add(MatterStep(matter_uuid=matter.uuid, seq=4, step="resolve", result="approved",
                           on=dt.date(2026, 11, 5), at=now))
    items = [d for d in due(store) if d.kind == "decision"]
    assert [(d.title, d.due, d.overdue) for d in items] == [
        ("决议公开：村道硬化", dt.date(2026, 11, 15), True)]
    d = svc.add(store, clerk, {"kind": "decision", "title": "关于村道硬化的决议公开",
                               "period": {"from": "2026-11-05", "to": "2026-11-05"},
                               "posting_days": 5, "matter_uuid": matter.uuid})
    svc.sign_off(store, supervisor, d.uuid)
    svc.post(store, clerk, d.uuid)
    assert [x for x in due(store) if x.kind == "decision"] == []
