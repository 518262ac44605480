"""Person lookups and the cross-village checks read the people index an import keeps: the same
ID live in two villages, a benefit held in two villages, a dead person still paid; IDs masked
unless admin; each lookup and check in the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid as _uuid

import pytest

from cunwu.district import accounts, audit, importer, people
from cunwu.errors import CunwuError
from district_support import enrol_key, forge, op_lines

ID = "330106195001010012"
DAY = dt.date(2026, 11, 22)


def person(name: str, id_number: str, status: str = "户籍在册") -> dict:
    return {"uuid": str(_uuid.uuid4()), "row_version": 1, "name": name, "id_number": id_number,
            "status": status, "status_since": None, "birth_date": "1950-01-01", "sex": "男",
            "ethnicity": "汉族", "household_uuid": None, "relation": "户主", "phone": "", "notes": "",
            "party_member": False, "created_at": "2026-11-22T08:00:00+00:00", "created_by": "clerk"}


def tag(p: dict, name: str, since: str = "2026-01-01", until=None) -> dict:
    return {"uuid": str(_uuid.uuid4()), "row_version": 1, "person_uuid": p["uuid"], "tag": name,
            "since": since, "until": until, "review_due": None, "data": "{}", "notes": ""}


def send(d, village: str, rows: list[tuple[str, dict]]) -> None:
    private, key_id = enrol_key(d, village)
    lines = op_lines([(entity, row["uuid"], "upsert", 1, row) for entity, row in rows])
    importer.import_bytes(d, forge(d, private, key_id, village, lines))


@pytest.fixture
def two_villages(district):
    a, b = person("张三", ID), person("张三", ID)
    dead = person("李四", "330106194001010011", status="死亡")
    send(district, "330106001001", [("persons", a), ("person_tags", tag(a, "低保")), ("persons", dead),
                                    ("person_tags", tag(dead, "残疾"))])
    send(district, "330106001002", [("persons", b), ("person_tags", tag(b, "低保")),
                                    ("person_tags", tag(b, "特困供养", until="2026-06-30"))])
    return district


def test_cross_check_finds_both_villages_and_masks_for_an_officer(two_villages):
    officer = accounts.DistrictUser("officer1", "officer")
    found = people.cross_check(two_villages, officer, DAY)
    [same] = found["same_id"]
    assert same["id_number"] == "330106********0012"
    assert [v["code"] for v in same["villages"]] == ["330106001001", "330106001002"]
    [twice] = found["benefit_twice"]
    assert twice["tag"] == "低保" and len(twice["villages"]) == 2  # the ended 特困 is not counted
    [gone] = found["gone_with_benefit"]
    assert (gone["name"], gone["status"], gone["tag"]) == ("李四", "死亡", "残疾")
    assert audit.entries(two_villages, action="people.cross_check")


def test_lookup_by_id_or_name_and_village_is_audited(two_villages):
    admin = accounts.DistrictUser("admin", "admin")
    officer = accounts.DistrictUser("officer1", "officer")
    assert [r["id_number"] for r in people.lookup(two_villages, admin, id_number=ID)] == [ID, ID]
    [r] = people.lookup(two_villages, officer, name="张三", village="330106001002")
    assert r["id_number"] == "330106********0012" and r["tags"] == ["低保"]
    with pytest.raises(CunwuError):
        people.lookup(two_villages, officer, name="张三")
    with pytest.raises(CunwuError):
        people.lookup(two_villages, accounts.DistrictUser("viewer1", "viewer"), id_number=ID)
    entries = audit.entries(two_villages, action="people.lookup")
    assert len(entries) == 2 and all(ID not in str(e) for e in entries)  # never a full ID in the trail
    assert audit.verify(two_villages) == []


def test_a_deleted_or_changed_person_leaves_the_index(district):
    p = person("王五", ID)
    private, key_id = enrol_key(district, "330106001003")
    first = op_lines([("persons", p["uuid"], "upsert", 1, p)])
    importer.import_bytes(district, forge(district, private, key_id, "330106001003", first))
    from district_support import chain_after

    second = op_lines([("persons", p["uuid"], "delete", 2, None)], first=2)
    importer.import_bytes(district, forge(district, private, key_id, "330106001003", second, seq=2,
                                          log_from=2, chain_base=chain_after(first)))
    assert people.lookup(district, accounts.DistrictUser("admin", "admin"), id_number=ID) == []
