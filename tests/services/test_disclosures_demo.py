"""The demo village's disclosures: a year of notices, exactly one overdue."""

from cunwu import clock
from cunwu.services import disclosures as svc
from cunwu.services.demo import create_demo
from cunwu.services.disclosure_print import notice_for
from cunwu.services.disclosure_schedule import due
from tests.support import PASSWORD


def test_demo_has_a_year_of_notices_and_one_overdue(tmp_path, monkeypatch):
    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    store = create_demo(tmp_path / "demo", PASSWORD)
    try:
        notices = svc.list_all(store)
        assert len(notices) >= 20
        today = clock.today()
        states = {d.state(today) for d in notices}
        assert {"draft", "archived", "period_over"} <= states
        overdue = [d for d in due(store) if d.overdue]
        assert [d.kind for d in overdue] == ["finance"]
        for d in notices:
            if d.signed_on:
                assert d.signed_on <= d.posting_date <= today
        # The supervisor's name, not the account, is printed where they sign.
        signed = [d for d in notices if d.signed_on]
        assert signed and {d.signed_name for d in signed} == {"王秀英"}
        assert notice_for(store, signed[0].uuid).signed_by == "王秀英"
    finally:
        store.close()
