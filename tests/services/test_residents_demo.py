"""The demo village's residents: size, valid numbers, groups, alerts due."""

from collections import Counter

from sqlalchemy import text

from cunwu.domain import idnumbers
from cunwu.services import alerts, people
from cunwu.store.models import synced_models
from cunwu.store.verify import rows_not_matching_log


def test_demo_residents(tmp_path, monkeypatch):
    from cunwu.services.demo import create_demo

    monkeypatch.setenv("CUNWU_TODAY", "2026-11-22")
    store = create_demo(tmp_path / "demo", "demo-pass-123")
    try:
        with store.read() as s:
            n_people = s.execute(text("SELECT count(*) FROM persons")).scalar()
            n_households = s.execute(text("SELECT count(*) FROM households")).scalar()
            numbers = [r[0] for r in s.execute(text("SELECT id_number FROM persons"))]
            tag_counts = Counter(r[0] for r in s.execute(text("SELECT tag FROM person_tags")))
            found = [r.name for r in people.page(s, people.PersonQuery(search="阿依古丽"))]
        assert 1000 <= n_people <= 1400 and 380 <= n_households <= 420
        assert len(set(numbers)) == len(numbers)
        for number in numbers:
            info = idnumbers.parse(number)
            assert number.startswith("330106") and not info.warnings
        for tag in ("低保", "残疾", "独居老人", "退役军人", "临时救助"):
            assert tag_counts[tag] >= 3, tag
        assert found
        with store.read() as s:  # the demo's bulk writes are logged as single writes are
            assert rows_not_matching_log(s, synced_models()) == []
        kinds = {a.kind for a in alerts.alerts(store)}
        assert {"elderly_birthday", "dibao_review", "elderly_not_visited", "benefit_after_exit",
                "left_behind_child"} <= kinds
    finally:
        store.close()
