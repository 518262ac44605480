"""Person lookups and the cross-village checks read the people index an import keeps: the same
ID live in two villages, a benefit held in two villages, a dead person still paid; IDs masked
unless admin; each lookup and check in the audit trail; and the pages that show them."""

from __future__ import annotations

import datetime as dt

import pytest

from cunwu.district import accounts, audit, importer, people
from cunwu.errors import CunwuError
from district_support import enrol_key, forge, op_lines, person, tag
from district_support import web_client as _client, web_login as _login

ID = "330106195001010012"
DAY = dt.date(2026, 11, 22)


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


# -- the pages over these villages ------------------------------------------------------------
def test_an_officer_reads_every_page(two_villages):
    client = _client(two_villages)
    _login(client, "officer1")
    overview = client.get("/").text
    assert "/villages/330106001001" in overview and "低保户/人" in overview
    assert "330106001002" in client.get("/villages/330106001002").text
    checked = client.get("/cross-check?run=1").text
    assert "330106********0012" in checked and ID not in checked
    found = client.get("/people", params={"id_number": ID}).text
    assert found.count("330106********0012") == 2 and found.count(ID) == 1  # only in the search box
    assert "核验" in client.get("/verify?code=nonsense").text
    assert client.get("/villages/999999999999").status_code == 404


def test_a_viewer_may_not_look_people_up(two_villages):
    client = _client(two_villages)
    _login(client, "viewer1")
    assert client.get("/people", params={"id_number": ID}).status_code == 403
    assert client.get("/cross-check?run=1").status_code == 403
    assert client.get("/verify").status_code == 200
